using System.Globalization;
using System.Net.Http.Headers;

namespace PromptOptimizer.Providers;

/// <summary>Reads <c>Retry-After</c> in both of its forms: delta seconds or an HTTP date.</summary>
internal static class RetryAfterParser
{
    /// <summary>The longest wait we accept from a provider; a larger one is clamped, not trusted.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);

    public static TimeSpan? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.RetryAfter is { } value)
        {
            if (value.Delta is { } delta)
            {
                return Clamp(delta);
            }

            if (value.Date is { } date)
            {
                return Clamp(date - now);
            }
        }

        // Some proxies send fractional seconds, which the typed header refuses.
        if (headers.TryGetValues("Retry-After", out var raw))
        {
            var text = raw.FirstOrDefault();
            // NaN, infinities and huge values would make TimeSpan.FromSeconds throw: clamp before converting.
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && !double.IsNaN(seconds))
            {
                return seconds >= MaxWait.TotalSeconds ? MaxWait : Clamp(TimeSpan.FromSeconds(Math.Max(0, seconds)));
            }
        }

        return null;
    }

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxWait ? MaxWait : wait;
}
