using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PromptOptimizer.Batching;

/// <summary>
/// The names of batch requests (<c>custom_id</c>): the topic (product, path and content, hashed), the step, the call's
/// number within that step and the retry. The same topic asks the same questions in the same order in every run, so
/// a resumed run names a request exactly as the run that submitted it did, and finds it in the store.
/// </summary>
internal static class BatchCustomIds
{
    /// <summary>The first request of the <paramref name="call"/>-th call (from 1) of <paramref name="stage"/> for the topic named by <paramref name="scope"/>.</summary>
    public static string For(string scope, string stage, int call, int retry = 0)
    {
        var topic = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope)).AsSpan(0, 8));
        var id = string.Create(CultureInfo.InvariantCulture, $"{topic}-{stage}-{call}");
        return retry == 0 ? id : string.Create(CultureInfo.InvariantCulture, $"{id}-r{retry}");
    }
}
