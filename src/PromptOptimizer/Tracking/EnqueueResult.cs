namespace PromptOptimizer.Tracking;

/// <summary>What one enqueue did.</summary>
/// <param name="Added">Topics that had no row: now pending.</param>
/// <param name="Changed">Topics whose content hash changed: pending again (even when they were completed).</param>
/// <param name="Requeued">Failed topics with unchanged content: pending again (workers never retry failures on their own).</param>
/// <param name="Unchanged">Topics left as they were (completed, pending or started with the same hash).</param>
internal sealed record EnqueueResult(int Added, int Changed, int Requeued, int Unchanged)
{
    public int Total => Added + Changed + Requeued + Unchanged;
}
