using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// Decides what an existing checkpoint means for a new command line, and merges a resumed run's saved settings with
/// the flags typed now. An unfinished run is never silently restarted; a damaged checkpoint never blocks a
/// <c>--resume</c>, because the completion store, not the checkpoint, records which topics are done.
/// </summary>
internal static class ResumePlanner
{
    public static async Task<ResumeDecision> DecideAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = settings.CheckpointPath;

        // --force and --dry-run never look at an earlier run, so the checkpoint is not even read: on a large resume it is
        // the process's first JSON read, a visible part of its start-up.
        if (!settings.Resume && (settings.Force || settings.DryRun))
        {
            return new(ResumeAction.Start, null, null, path);
        }

        var read = await CheckpointFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        var action = (settings.Resume, read.Status) switch
        {
            (true, CheckpointReadStatus.Missing) => ResumeAction.NothingToResume,
            (true, CheckpointReadStatus.Corrupt) => ResumeAction.ContinueFromStore,
            (true, _) => ResumeAction.Resume,
            (false, CheckpointReadStatus.Corrupt) => ResumeAction.Damaged,
            _ when read.Checkpoint is { Finished: false } => ResumeAction.Unfinished,
            _ => ResumeAction.Start,
        };
        return new(action, read.Checkpoint, read.Error, path);
    }

    /// <summary>
    /// The saved run's settings, where a flag typed now (<paramref name="typed"/> answers by flag name) changes how fast
    /// and how far the run goes (concurrency, delays, limits, budget), never what it makes. The state directory is
    /// the current one, and <c>--plain</c> and <c>--force</c> hold when either run had them.
    /// </summary>
    public static RunSettings Merge(RunSettings saved, RunSettings current, Func<string, bool> typed)
    {
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(typed);
        T Pick<T>(string flag, T now, T before) => typed(flag) ? now : before;
        return saved with
        {
            Resume = true,
            Concurrent = Pick("--concurrent", current.Concurrent, saved.Concurrent),
            BatchDelaySeconds = Pick("--batch-delay", current.BatchDelaySeconds, saved.BatchDelaySeconds),
            BatchSize = Pick("--batch-size", current.BatchSize, saved.BatchSize),
            StrictBatches = Pick("--strict-batches", current.StrictBatches, saved.StrictBatches),
            Limit = Pick("--limit", current.Limit, saved.Limit),
            ExaQps = Pick("--exa-qps", current.ExaQps, saved.ExaQps),
            Rpm = Pick("--rpm", current.Rpm, saved.Rpm),
            MaxRetries = Pick("--max-retries", current.MaxRetries, saved.MaxRetries),
            RequestTimeoutSeconds = Pick("--request-timeout", current.RequestTimeoutSeconds, saved.RequestTimeoutSeconds),
            ProviderOutageSeconds = Pick("--provider-outage", current.ProviderOutageSeconds, saved.ProviderOutageSeconds),
            StoreOutageSeconds = Pick("--store-outage", current.StoreOutageSeconds, saved.StoreOutageSeconds),
            MaxCost = Pick("--max-cost", current.MaxCost, saved.MaxCost),
            GraceSeconds = Pick("--grace", current.GraceSeconds, saved.GraceSeconds),
            RetryBaseDelayMs = Pick("--retry-base-delay", current.RetryBaseDelayMs, saved.RetryBaseDelayMs),
            Plain = current.Plain || saved.Plain,
            Force = current.Force || saved.Force,
            StateDir = current.StateDir,
        };
    }
}
