using System.Threading.Channels;
using PromptOptimizer.Batching;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// The single owner of a run's progress: counts outcomes, closes batches, writes the checkpoint after every batch and
/// at the end, and calls the observer, all from one task so nothing here needs a lock except what workers read.
/// </summary>
internal sealed class RunReporter
{
    private const int DiskFailureThreshold = 5;

    private readonly RunPlan _plan;
    private readonly RunOptions _options;
    private readonly int _totalBatches;
    private readonly IRunObserver _observer;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly StopSignal _stop;
    private readonly InFlightCounter _inFlight;
    private readonly int[] _batchRemaining;
    private readonly int[] _batchSucceeded;
    private readonly int[] _batchFailed;
    private readonly TaskCompletionSource[] _batchDone;
    private readonly DateTimeOffset _startedAt;
    private readonly Lock _costGate = new();
    private int _completed;
    private int _failed;
    private int _skippedDuringRun;
    private int _finishedOrCancelled;
    private int _currentBatch;
    private decimal _cost;
    private decimal _completedCost;
    private int _consecutiveWriteFailures;
    private BatchProgress? _batches;

    public RunReporter(RunPlan plan, RunOptions options, int totalBatches, IRunObserver observer, TimeProvider time, StopSignal stop, InFlightCounter inFlight)
    {
        _inFlight = inFlight;
        _plan = plan;
        _options = options;
        _totalBatches = totalBatches;
        _observer = observer;
        _time = time;
        _started = time.GetTimestamp();
        _stop = stop;
        _startedAt = time.GetUtcNow();
        _batchRemaining = new int[totalBatches];
        _batchSucceeded = new int[totalBatches];
        _batchFailed = new int[totalBatches];
        _batchDone = new TaskCompletionSource[totalBatches];
        for (var b = 0; b < totalBatches; b++)
        {
            _batchRemaining[b] = Math.Min(options.BatchSize, plan.ToProcess.Count - (b * options.BatchSize));
            _batchDone[b] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Average cost of the topics completed so far; null before the first.</summary>
    public decimal? AverageCostPerTopic
    {
        get
        {
            lock (_costGate)
            {
                return _completed == 0 ? null : _completedCost / _completed;
            }
        }
    }

    public Task WaitForBatchAsync(int batch, CancellationToken cancellationToken) => _batchDone[batch - 1].Task.WaitAsync(cancellationToken);

    public void NoteWriteSucceeded() => Interlocked.Exchange(ref _consecutiveWriteFailures, 0);

    /// <summary>Counts a failed output write; true once enough fail in a row that the disk is clearly unusable.</summary>
    public bool NoteWriteFailed() => Interlocked.Increment(ref _consecutiveWriteFailures) >= DiskFailureThreshold;

    public async Task ConsumeAsync(ChannelReader<ProgressEvent> reader)
    {
        // Written before any topic starts, so a run killed inside its first batch can still be resumed.
        await WriteCheckpointAsync().ConfigureAwait(false);
        await foreach (var e in reader.ReadAllAsync().ConfigureAwait(false))
        {
            switch (e.Kind)
            {
                case ProgressEventKind.BatchStarted:
                    _currentBatch = e.Batch;
                    _observer.OnBatchStarted(e.Batch, _totalBatches, e.Topics, Elapsed);
                    break;
                case ProgressEventKind.Waiting:
                    _observer.OnWaiting(e.Delay, "before next batch");
                    break;
                case ProgressEventKind.Cooldown:
                    _observer.OnCooldown(e.Provider!, e.Until, e.Reason!);
                    break;
                case ProgressEventKind.TopicFinished:
                    await OnTopicFinishedAsync(e.Outcome!).ConfigureAwait(false);
                    break;
                case ProgressEventKind.ProviderBatches:
                    _batches = e.Batches;
                    _observer.OnProviderBatches(Snapshot());
                    break;
            }
        }
    }

    public async Task<RunSummary> FinishAsync()
    {
        if (_stop.Reason != StopReason.None)
        {
            _observer.OnStopping(_stop.Reason, _stop.Message ?? _stop.Reason.ToString());
        }

        await WriteCheckpointAsync().ConfigureAwait(false);
        return new RunSummary(_plan.Total, _completed, _failed, Skipped, Remaining, Elapsed, _cost, _stop.Reason, _stop.Message);
    }

    private int Skipped => _plan.Skipped + _plan.Adopted + _skippedDuringRun;

    private int Remaining => _plan.ToProcess.Count - _completed - _failed - _skippedDuringRun;

    private TimeSpan Elapsed => _time.GetElapsedTime(_started);

    private async Task OnTopicFinishedAsync(TopicOutcome outcome)
    {
        var index = outcome.Batch - 1;
        switch (outcome.Status)
        {
            case OutcomeStatus.Completed:
                _completed++;
                _batchSucceeded[index]++;
                lock (_costGate)
                {
                    _completedCost += outcome.Usage.CostUsd;
                }

                break;
            case OutcomeStatus.Failed:
                _failed++;
                _batchFailed[index]++;
                break;
            case OutcomeStatus.Skipped:
                _skippedDuringRun++;
                break;
        }

        _cost += outcome.Usage.CostUsd;
        _finishedOrCancelled++;
        _observer.OnTopicFinished(outcome, Snapshot());

        if (--_batchRemaining[index] == 0)
        {
            _observer.OnBatchCompleted(outcome.Batch, _batchSucceeded[index], _batchFailed[index]);
            _batchDone[index].TrySetResult();
            await WriteCheckpointAsync().ConfigureAwait(false);
        }
    }

    private RunProgress Snapshot() => new(
        _plan.Total, _plan.ToProcess.Count, _completed, _failed, Skipped, _inFlight.Count, _currentBatch, _totalBatches, _cost, Elapsed) { Batches = _batches };

    private async Task WriteCheckpointAsync()
    {
        if (_options.CheckpointPath is null)
        {
            return;
        }

        var checkpoint = new Checkpoint(_options.RunId, _options.Variant, _options.Arguments, _startedAt, _time.GetUtcNow(), _plan.Total,
            _completed, _failed, Skipped, Remaining, _currentBatch, _totalBatches, Finished: Remaining == 0, _cost);
        await CheckpointFile.WriteAsync(_options.CheckpointPath, checkpoint, CancellationToken.None).ConfigureAwait(false);
    }
}
