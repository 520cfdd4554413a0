using System.Threading.Channels;
using PromptOptimizer.Batching;
using PromptOptimizer.Generation;
using PromptOptimizer.Providers;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// The rolling scheduler. A dispatcher feeds topics through a bounded channel to <see cref="RunOptions.Concurrency"/>
/// workers, so a new topic starts as soon as any slot frees; batches only number topics for progress and checkpoints,
/// and their starts are spaced by the batch delay. <see cref="RunOptions.StrictBatches"/> reproduces the original
/// tool (wait for the whole batch, then the delay) for comparison. One reporter task owns all progress state. A store
/// that stays unreachable past its outage budget stops the run as an account error does: nothing more starts.
/// With the Batch API, <paramref name="providerBatches"/> is looked at every <see cref="RunOptions.ProgressInterval"/>
/// and once at the end, and each change goes to the display through the reporter like any other event.
/// </summary>
/// <param name="providerBatches">The run's provider batches (<c>--batch-api</c>); null when chat is synchronous.</param>
internal sealed class BatchEngine(ITopicWork work, TimeProvider time, IReadOnlyList<ProviderGate> gates, Func<BatchProgress>? providerBatches = null)
{
    /// <summary>
    /// Runs the plan. <paramref name="stopDispatch"/> (first Ctrl+C) stops starting topics; <paramref name="abortInFlight"/>
    /// (grace over, or second Ctrl+C) cancels the ones in flight, which go back to pending.
    /// </summary>
    public async Task<RunSummary> RunAsync(RunPlan plan, RunOptions options, IRunObserver observer, decimal estimatePerTopic, CancellationToken stopDispatch, CancellationToken abortInFlight)
    {
        var topics = plan.ToProcess;
        var totalBatches = (topics.Count + options.BatchSize - 1) / options.BatchSize;
        using var dispatch = CancellationTokenSource.CreateLinkedTokenSource(stopDispatch);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(abortInFlight);
        var stop = new StopSignal(dispatch);
        using var userStop = stopDispatch.Register(() => stop.Request(StopReason.Interrupted, "interrupted: stopped starting new topics"));

        var events = Channel.CreateUnbounded<ProgressEvent>(new UnboundedChannelOptions { SingleReader = true });
        var inFlight = new InFlightCounter();
        var reporter = new RunReporter(plan, options, totalBatches, observer, time, stop, inFlight);
        var reporting = reporter.ConsumeAsync(events.Reader);

        void OnCooldown(string provider, DateTimeOffset until, string reason) =>
            events.Writer.TryWrite(new ProgressEvent(ProgressEventKind.Cooldown) { Provider = provider, Until = until, Reason = reason });

        // Topics waiting for a provider that is not coming back go back to pending, as on an interrupt: none of them failed.
        void OnOutage(ProviderError error)
        {
            stop.Request(StopReason.ProviderOutage, error.ToString());
            abort.Cancel();
        }

        foreach (var gate in gates)
        {
            gate.CooldownStarted += OnCooldown;
            gate.OutageOutlasted += OnOutage;
        }

        using var sampling = new CancellationTokenSource();
        var sampler = providerBatches is null ? Task.CompletedTask : SampleAsync(providerBatches, options.ProgressInterval, events.Writer, sampling.Token);

        var spent = new CostMeter();
        work.CostIncurred += spent.Add;

        var queue = Channel.CreateBounded<(string Path, int Batch)>(new BoundedChannelOptions(1) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            await foreach (var (path, batch) in queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (dispatch.IsCancellationRequested)
                {
                    continue; // never claimed: stays pending for the next run
                }

                inFlight.Enter();
                try
                {
                    var (outcome, error) = await work.RunAsync(path, batch, options, abort.Token).ConfigureAwait(false);
                    if (outcome.Status == OutcomeStatus.Completed)
                    {
                        reporter.NoteWriteSucceeded();
                    }

                    if (error is { StopsRun: true })
                    {
                        // A cancelled call that stops the run is a batch refused by --max-cost; any other is the account's.
                        stop.Request(error.Kind == ErrorKind.Cancelled ? StopReason.Budget : StopReason.AccountError, error.Message);
                    }
                    else if (error is { Kind: ErrorKind.Io } && reporter.NoteWriteFailed())
                    {
                        stop.Request(StopReason.DiskFailure, "every recent output write failed: " + error.Message);
                    }

                    events.Writer.TryWrite(new ProgressEvent(ProgressEventKind.TopicFinished) { Outcome = outcome });
                }
                catch (StoreUnavailableException ex)
                {
                    // The topic's output, if it was written, is adopted by the next run without a call.
                    stop.Request(StopReason.StoreOutage, ex.Message);
                }
                finally
                {
                    inFlight.Leave();
                }
            }
        })).ToArray();

        try
        {
            await DispatchAsync(topics, options, totalBatches, queue.Writer, events.Writer, reporter, spent, inFlight, estimatePerTopic, stop, dispatch.Token).ConfigureAwait(false);
        }
        finally
        {
            queue.Writer.TryComplete();
            await Task.WhenAll(workers).ConfigureAwait(false);
            await sampling.CancelAsync().ConfigureAwait(false);
            await sampler.ConfigureAwait(false);
            work.CostIncurred -= spent.Add;
            foreach (var gate in gates)
            {
                gate.CooldownStarted -= OnCooldown;
                gate.OutageOutlasted -= OnOutage;
            }

            events.Writer.TryComplete();
            await reporting.ConfigureAwait(false);
        }

        return await reporter.FinishAsync().ConfigureAwait(false);
    }

    private async Task DispatchAsync(
        IReadOnlyList<string> topics,
        RunOptions options,
        int totalBatches,
        ChannelWriter<(string, int)> queue,
        ChannelWriter<ProgressEvent> events,
        RunReporter reporter,
        CostMeter spent,
        InFlightCounter inFlight,
        decimal estimatePerTopic,
        StopSignal stop,
        CancellationToken token)
    {
        DateTimeOffset? lastBatchStart = null;
        try
        {
            for (var i = 0; i < topics.Count; i++)
            {
                var batch = (i / options.BatchSize) + 1;
                if (i % options.BatchSize == 0)
                {
                    if (options.StrictBatches && batch > 1)
                    {
                        await reporter.WaitForBatchAsync(batch - 1, token).ConfigureAwait(false);
                        await WaitAsync(options.BatchDelay, events, token).ConfigureAwait(false);
                    }
                    else if (lastBatchStart is { } last)
                    {
                        await WaitAsync(last + options.BatchDelay - time.GetUtcNow(), events, token).ConfigureAwait(false);
                    }

                    lastBatchStart = time.GetUtcNow();
                    events.TryWrite(new ProgressEvent(ProgressEventKind.BatchStarted) { Batch = batch, Topics = Math.Min(options.BatchSize, topics.Count - i) });
                }

                if (options.MaxCost is { } budget)
                {
                    var perTopic = reporter.AverageCostPerTopic ?? estimatePerTopic;
                    var projected = spent.Total + ((inFlight.Count + 1) * perTopic);
                    if (projected > budget)
                    {
                        stop.Request(StopReason.Budget, $"budget: ${spent.Total:0.0000} spent, the next topic (~${perTopic:0.0000}) would pass --max-cost ${budget:0.00}");
                        return;
                    }
                }

                await queue.WriteAsync((topics[i], batch), token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Dispatch stopped (interrupt, account error, budget): the reason is already recorded.
        }
    }

    /// <summary>
    /// Reports the provider batches whenever a look finds them changed, and once more when the run ends (what is still
    /// outstanding then is what the next run collects). The timer is armed before the first await, so a test that
    /// advances a fake clock after starting the run always finds it.
    /// </summary>
    private async Task SampleAsync(Func<BatchProgress> read, TimeSpan interval, ChannelWriter<ProgressEvent> events, CancellationToken token)
    {
        using var ticker = new PeriodicTimer(interval, time);
        var last = new BatchProgress(0, 0, 0, 0, 0m, 0m);
        void Look()
        {
            if (read() is var now && now != last)
            {
                last = now;
                events.TryWrite(new ProgressEvent(ProgressEventKind.ProviderBatches) { Batches = now });
            }
        }

        try
        {
            while (await ticker.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                Look();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The run's topics are done: one last look below.
        }

        Look();
    }

    private async Task WaitAsync(TimeSpan delay, ChannelWriter<ProgressEvent> events, CancellationToken token)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        // Started before it is announced, so whoever hears of the wait (a test advancing a fake clock) finds it running.
        var waiting = Task.Delay(delay, time, token);
        events.TryWrite(new ProgressEvent(ProgressEventKind.Waiting) { Delay = delay });
        await waiting.ConfigureAwait(false);
    }
}
