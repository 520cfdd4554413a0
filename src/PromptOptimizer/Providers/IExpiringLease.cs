namespace PromptOptimizer.Providers;

/// <summary>
/// A permit that is good only for a while after it was granted. A limit shared between processes is counted where the
/// requests arrive, so it holds only while each request leaves soon after its grant: one sent after a stall of its
/// process can reach the provider in the same second as permits granted a whole window later.
/// </summary>
internal interface IExpiringLease
{
    /// <summary>True once the permit is too old to be spent; the caller should take a new one instead.</summary>
    bool IsExpired { get; }
}
