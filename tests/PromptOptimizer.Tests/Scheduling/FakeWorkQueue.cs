using System.Text;
using System.Threading.RateLimiting;
using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Scheduling;

/// <summary>
/// An in-memory work queue with just the store calls a <see cref="PromptOptimizer.Scheduling.WorkerLoop"/> makes:
/// claims hand out the pending topics in order, and heartbeats and releases are recorded. No topic is ever held by
/// another worker, so a drained queue ends the loop. Enqueued chunks are recorded and <see cref="Results"/> are served
/// for materializing. Everything else is not supported.
/// </summary>
internal sealed class FakeWorkQueue(TimeProvider time, params string[] topics) : IWorkQueue
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _pending = new(topics);
    private readonly List<int> _claimSizes = [];
    private readonly List<DateTimeOffset> _heartbeats = [];
    private readonly List<string[]> _heartbeatPaths = [];
    private readonly List<string> _released = [];
    private readonly List<IReadOnlyList<QueuedTopic>> _enqueued = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _heartbeatWaiters = [];
    private int _releaseAllCalls;

    /// <summary>The size of every claim that got topics, in order.</summary>
    public IReadOnlyList<int> ClaimSizes => Snapshot(_claimSizes);

    /// <summary>The lease end each heartbeat asked for.</summary>
    public IReadOnlyList<DateTimeOffset> Heartbeats => Snapshot(_heartbeats);

    /// <summary>The topics each heartbeat renewed, in order.</summary>
    public IReadOnlyList<string[]> HeartbeatPaths => Snapshot(_heartbeatPaths);

    /// <summary>Topics given back one by one (claimed but not started when the worker stopped).</summary>
    public IReadOnlyList<string> Released => Snapshot(_released);

    /// <summary>Every chunk of topics enqueued, in order.</summary>
    public IReadOnlyList<IReadOnlyList<QueuedTopic>> Enqueued => Snapshot(_enqueued);

    /// <summary>The stored results <see cref="GetResultsAsync"/> streams.</summary>
    public IReadOnlyList<MaterializedResult> Results { get; init; } = [];

    public int ReleaseAllCalls
    {
        get
        {
            lock (_gate)
            {
                return _releaseAllCalls;
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> heartbeats have been recorded.</summary>
    public Task WaitForHeartbeatsAsync(int count)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_heartbeats.Count >= count)
            {
                return Task.CompletedTask;
            }

            _heartbeatWaiters.Add((count, reached));
        }

        return reached.Task.WaitAsync(FakeTopicWork.Deadline);
    }

    public Task<IReadOnlyList<ClaimedTopic>> ClaimBatchAsync(OutputKind? mode, string workerId, string runId, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var claimed = new List<ClaimedTopic>();
            while (claimed.Count < max && _pending.TryDequeue(out var path))
            {
                claimed.Add(new ClaimedTopic(OutputKind.Flashcards, RunVariant.FlashcardsWeb, path, "hash-" + path, Encoding.UTF8.GetBytes("# " + path), time.GetUtcNow() + lease));
            }

            if (claimed.Count > 0)
            {
                _claimSizes.Add(claimed.Count);
            }

            return Task.FromResult<IReadOnlyList<ClaimedTopic>>(claimed);
        }
    }

    public Task HeartbeatAsync(string workerId, IReadOnlyCollection<string> topicPaths, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _heartbeats.Add(time.GetUtcNow() + lease);
            _heartbeatPaths.Add([.. topicPaths]);
            foreach (var waiter in _heartbeatWaiters.Where(w => w.Count <= _heartbeats.Count).ToList())
            {
                _heartbeatWaiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(OutputKind mode, string topicPath, string runId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _released.Add(topicPath);
        }

        return Task.CompletedTask;
    }

    public Task<int> ReleaseAllAsync(string workerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _releaseAllCalls++;
        }

        return Task.FromResult(0);
    }

    public Task<IReadOnlyList<TopicRecord>> QueryAsync(TopicQuery query, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<TopicRecord>>([]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public IBatchLedger Batches => throw new NotSupportedException();

    public Task InitializeAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, TopicRecord>> GetAsync(OutputKind mode, IReadOnlyCollection<string> topicPaths, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, TopicState>> GetCategoryStatesAsync(OutputKind mode, string category, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> ClaimAsync(TopicClaim claim, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> CompleteAsync(TopicCompletion completion, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AdoptAsync(TopicCompletion completion, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RestampAsync(OutputKind mode, string topicPath, string contentHash, TopicFileStamp stamp, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task FailAsync(TopicFailure failure, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RecordAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(OutputKind? mode, string topicPath, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<StatusSummaryRow>> SummarizeAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<int> ResetAsync(OutputKind? mode, string topicPath, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ClearAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<EnqueueResult> EnqueueAsync(RunVariant variant, IReadOnlyList<QueuedTopic> topics, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _enqueued.Add([.. topics]);
        }

        return Task.FromResult(new EnqueueResult(topics.Count, 0, 0, 0));
    }

    public Task RegisterWorkerAsync(string workerId, string host, int processId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<WorkerStatus>> ListWorkersAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<MaterializedResult> GetResultsAsync(OutputKind? mode, CancellationToken cancellationToken) =>
        Results.Where(r => mode is null || r.Mode == mode).ToAsyncEnumerable();

    public string Description => "fake queue";

    public RateLimiter CreateRateLimiter(SharedRateLimiterOptions options) => throw new NotSupportedException();

    private List<T> Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return [.. list];
        }
    }
}
