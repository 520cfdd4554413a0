using System.Security.Cryptography;
using System.Text;

namespace PromptOptimizer.Simulator;

/// <summary>Thread-safe counters behind <see cref="BatchStats"/>. Bodies are kept as hashes, not text.</summary>
internal sealed class BatchCounters
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _submissions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _charged = new(StringComparer.Ordinal);
    private long _batches;
    private long _requests;
    private int _maxSubmissions;
    private int _maxCharged;

    /// <summary>Counts an accepted batch and each of its custom_ids.</summary>
    public void Submitted(IEnumerable<string> customIds)
    {
        lock (_gate)
        {
            _batches++;
            foreach (var customId in customIds)
            {
                _requests++;
                _maxSubmissions = Math.Max(_maxSubmissions, Bump(_submissions, customId));
            }
        }
    }

    /// <summary>Counts one billed answer to <paramref name="body"/> (the request body's JSON text).</summary>
    public void Charged(string body)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        lock (_gate)
        {
            _maxCharged = Math.Max(_maxCharged, Bump(_charged, key));
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _submissions.Clear();
            _charged.Clear();
            _batches = 0;
            _requests = 0;
            _maxSubmissions = 0;
            _maxCharged = 0;
        }
    }

    public BatchStats Snapshot()
    {
        lock (_gate)
        {
            return new BatchStats(_batches, _requests, _maxSubmissions, _maxCharged);
        }
    }

    private static int Bump(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
