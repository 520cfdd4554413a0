using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// One queue worker: a claimer takes small batches from the shared queue and hands them through a bounded channel to
/// <see cref="WorkerOptions.Concurrency"/> runners (the ordinary <see cref="TopicRunner"/>), while a heartbeat on the
/// <see cref="TimeProvider"/> extends, every third of a lease, the leases of the topics this worker still holds (claimed
/// and not yet finished). Without <see cref="WorkerOptions.Follow"/> it ends when nothing is pending and no leased topic
/// is left anywhere (a dead worker's topics are waited for and taken over when their lease runs out). A stop request
/// gives back every topic not finished. A runner that fails unexpectedly stops the heartbeat and the whole worker and is
/// rethrown: a lease must never outlive the task that works on its topic. A provider down for longer than its gate's
/// outage budget stops the worker as a stop request and an abort do. The queue's pending writes are flushed at the end.
/// </summary>
internal sealed class WorkerLoop(
    ICompletionStore store, IWorkQueue queue, WorkerTopicTree tree, Func<RunVariant, ITopicWork> workFor, TimeProvider time, IReadOnlyList<ProviderGate>? gates = null)
{
    private readonly Dictionary<RunVariant, (ITopicWork Work, RunOptions Options)> _runners = [];
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<ClaimedTopic, byte> _held = new();
    private int _batchNumber;

    /// <summary>Raised from runner tasks (concurrently) as each topic ends.</summary>
    public event Action<TopicOutcome>? TopicFinished;

    /// <summary>Raised when a heartbeat fails (the worker keeps going; leases may then run out).</summary>
    public event Action<Exception>? HeartbeatFailed;

    /// <param name="stopClaiming">First Ctrl+C: claim nothing more, give back what has not started.</param>
    /// <param name="abortInFlight">Grace over: cancel running topics (they go back to pending).</param>
    public async Task<WorkerSummary> RunAsync(WorkerOptions options, CancellationToken stopClaiming, CancellationToken abortInFlight)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = time.GetTimestamp();
        var counts = new Counts();
        using var stopSource = CancellationTokenSource.CreateLinkedTokenSource(stopClaiming);
        var stop = stopSource.Token;
        using var abortSource = CancellationTokenSource.CreateLinkedTokenSource(abortInFlight);
        var abort = abortSource.Token;

        // Once in-flight work is aborted nothing may wait for the database any longer: writes still waiting give up, and
        // the leases they concern run out for another worker to take.
        using var giveUp = abort.Register(() => queue.Outage?.GiveUp());

        // A provider down for longer than its outage budget: claim nothing more and give the topics in flight back.
        void OnOutage(ProviderError error)
        {
            Interlocked.CompareExchange(ref counts.ProviderOutage, error.ToString(), null);
            stopSource.Cancel();
            abortSource.Cancel();
        }

        foreach (var gate in gates ?? [])
        {
            gate.OutageOutlasted += OnOutage;
        }

        var channel = Channel.CreateBounded<ClaimedTopic>(new BoundedChannelOptions(options.ClaimBatch) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(options, heartbeatStop.Token);

        var consumers = Enumerable.Range(0, options.Concurrency)
            .Select(_ => Task.Run(() => ConsumeAsync(channel.Reader, options, counts, stopSource, heartbeatStop, abort)))
            .ToArray();
        try
        {
            await ClaimAsync(channel, options, counts, stopSource, abort).ConfigureAwait(false);
        }
        finally
        {
            channel.Writer.TryComplete();
            // A runner's fault is kept in the counts; the heartbeat must stop whatever happened.
            await Task.WhenAll(consumers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
            foreach (var gate in gates ?? [])
            {
                gate.OutageOutlasted -= OnOutage;
            }
        }

        if (counts.Fault is { } fault)
        {
            // Give the topics back at once rather than let their leases run out; the store may be the very thing that failed.
            await ((Task)queue.ReleaseAllAsync(options.WorkerId, CancellationToken.None)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ExceptionDispatchInfo.Throw(fault);
        }

        if (stop.IsCancellationRequested)
        {
            try
            {
                // A claim cancelled after its commit may have left rows in our name that we never saw.
                Counts.Add(ref counts.Released, await queue.ReleaseAllAsync(options.WorkerId, CancellationToken.None).ConfigureAwait(false));
            }
            catch (StoreUnavailableException)
            {
                // The database is gone: our leases run out on their own and other workers take the topics over.
            }
        }

        await queue.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return new WorkerSummary(counts.Claimed, counts.Completed, counts.Failed, counts.Skipped, counts.Released, counts.Cost.Total,
            time.GetElapsedTime(started), stopClaiming.IsCancellationRequested || counts.ProviderOutage is not null, counts.StopMessage ?? counts.ProviderOutage);
    }

    private async Task ClaimAsync(Channel<ClaimedTopic> channel, WorkerOptions options, Counts counts, CancellationTokenSource stopSource, CancellationToken abort)
    {
        var stop = stopSource.Token;
        try
        {
            while (await channel.Writer.WaitToWriteAsync(stop).ConfigureAwait(false))
            {
                var room = Math.Max(1, options.ClaimBatch - channel.Reader.Count);
                var batch = await queue.ClaimBatchAsync(options.Mode, options.WorkerId, options.RunId, room, options.Lease, stop).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    if (!options.Follow && !await AnyLeasedAsync(options, stop).ConfigureAwait(false))
                    {
                        return;
                    }

                    await Task.Delay(options.PollInterval, time, stop).ConfigureAwait(false);
                    continue;
                }

                Counts.Add(ref counts.Claimed, batch.Count);
                foreach (var topic in batch)
                {
                    _held[topic] = 0;
                }

                foreach (var topic in batch)
                {
                    // Not cancellable: these are ours now; a runner that sees the stop gives them back.
                    await channel.Writer.WriteAsync(topic, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: nothing more is claimed.
        }
        catch (StoreUnavailableException ex)
        {
            await StopForOutageAsync(ex, counts, stopSource, abort).ConfigureAwait(false);
        }
    }

    /// <summary>The database stayed away longer than its budget: stop dispatching and say how to go on (exit 3).</summary>
    private static async Task StopForOutageAsync(StoreUnavailableException outage, Counts counts, CancellationTokenSource stopSource, CancellationToken abort)
    {
        if (!abort.IsCancellationRequested)
        {
            // An interrupted worker gave the wait up on purpose: that is the interruption, not an outage to report.
            Interlocked.CompareExchange(ref counts.StopMessage, outage.Message + ". Output files already written stay; run `work` again once the "
                + "database is back: this worker's unfinished topics return to the queue when their leases run out.", null);
        }

        await stopSource.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>Whether any topic is still held under a lease (ours in flight, or a worker's that may have died).</summary>
    private async Task<bool> AnyLeasedAsync(WorkerOptions options, CancellationToken cancellationToken)
    {
        var started = await store.QueryAsync(new TopicQuery(options.Mode, TopicStatus.Started), cancellationToken).ConfigureAwait(false);
        return started.Any(r => r.LeaseUntil is not null);
    }

    private async Task ConsumeAsync(
        ChannelReader<ClaimedTopic> reader, WorkerOptions options, Counts counts, CancellationTokenSource stopSource, CancellationTokenSource heartbeatStop, CancellationToken abort)
    {
        // Every runner reads to the end, even after a fault, so the claimer is never left waiting on a full channel.
        await foreach (var topic in reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                await RunTopicAsync(topic, options, counts, stopSource, abort).ConfigureAwait(false);
            }
            catch (StoreUnavailableException ex)
            {
                await StopForOutageAsync(ex, counts, stopSource, abort).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Not swallowed: kept, and rethrown by RunAsync once every runner has ended.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // A runner that died would leave its topics leased for as long as the heartbeat beats: stop beating and
                // claiming now, and end the worker loudly.
                Interlocked.CompareExchange(ref counts.Fault, ex, null);
                await heartbeatStop.CancelAsync().ConfigureAwait(false);
                await stopSource.CancelAsync().ConfigureAwait(false);
            }
            finally
            {
                _held.TryRemove(topic, out _);
            }
        }
    }

    private async Task RunTopicAsync(ClaimedTopic topic, WorkerOptions options, Counts counts, CancellationTokenSource stopSource, CancellationToken abort)
    {
        if (stopSource.IsCancellationRequested)
        {
            if (counts.Fault is null)
            {
                await store.ReleaseAsync(topic.Mode, topic.Path, options.RunId, CancellationToken.None).ConfigureAwait(false);
                Counts.Add(ref counts.Released, 1);
            }

            return;
        }

        var (work, runOptions) = WorkFor(topic.Variant, options);
        await tree.WriteAsync(topic, CancellationToken.None).ConfigureAwait(false);
        TopicOutcome outcome;
        TopicError? error;
        try
        {
            (outcome, error) = await work.RunAsync(topic.Path, Interlocked.Increment(ref _batchNumber), runOptions, abort).ConfigureAwait(false);
        }
        finally
        {
            tree.Delete(topic);
        }

        counts.Record(outcome);
        TopicFinished?.Invoke(outcome);
        if (error is { StopsRun: true })
        {
            // An account problem (bad key, no credit) would fail every topic this worker takes: stop taking them.
            Interlocked.CompareExchange(ref counts.StopMessage, error.Message, null);
            await stopSource.CancelAsync().ConfigureAwait(false);
        }
    }

    private (ITopicWork Work, RunOptions Options) WorkFor(RunVariant variant, WorkerOptions options)
    {
        lock (_gate)
        {
            if (!_runners.TryGetValue(variant, out var entry))
            {
                entry = (workFor(variant), new RunOptions(variant, options.RunId, options.WorkerId, options.Concurrency));
                _runners[variant] = entry;
            }

            return entry;
        }
    }

    private async Task HeartbeatAsync(WorkerOptions options, CancellationToken cancellationToken)
    {
        // Made before the first await, so it runs from the worker's start, and beats keep their rhythm however long a
        // beat's write takes.
        using var timer = new PeriodicTimer(options.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await store.HeartbeatAsync(options.WorkerId, _held.Keys.Select(t => t.Path).Distinct(StringComparer.Ordinal).ToArray(), options.Lease, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The next beat tries again; a worker cut off for longer than a lease loses its topics by design.
                    HeartbeatFailed?.Invoke(ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker is done.
        }
    }

    /// <summary>Counters updated by concurrent runners.</summary>
    private sealed class Counts
    {
        public int Claimed;
        public int Completed;
        public int Failed;
        public int Skipped;
        public int Released;
        public string? StopMessage;
        public string? ProviderOutage;
        public Exception? Fault;
        public CostMeter Cost { get; } = new();

        public static void Add(ref int counter, int amount) => Interlocked.Add(ref counter, amount);

        public void Record(TopicOutcome outcome)
        {
            switch (outcome.Status)
            {
                case OutcomeStatus.Completed: Interlocked.Increment(ref Completed); break;
                case OutcomeStatus.Failed: Interlocked.Increment(ref Failed); break;
                case OutcomeStatus.Skipped: Interlocked.Increment(ref Skipped); break;
                default: Interlocked.Increment(ref Released); break;
            }

            Cost.Add(outcome.Usage.CostUsd);
        }
    }
}
