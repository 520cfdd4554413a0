namespace PromptOptimizer.Batching;

/// <summary>The counters behind <see cref="BatchProgress"/>, updated from many tasks.</summary>
internal sealed class BatchStats
{
    private readonly Lock _gate = new();
    private int _submitted, _inProgress, _done, _inBatches;
    private long _answered;
    private decimal _cost, _synchronous, _committed;

    public void Submitted(decimal estimate)
    {
        lock (_gate)
        {
            _submitted++;
            _committed += estimate;
        }
    }

    /// <summary>A batch of <paramref name="requests"/> is being followed (submitted now, or found from an earlier run).</summary>
    public void Watching(int requests)
    {
        lock (_gate)
        {
            _inProgress++;
            _inBatches += requests;
        }
    }

    public void Finished(decimal estimate, int requests)
    {
        lock (_gate)
        {
            _inProgress--;
            _inBatches -= requests;
            _done++;
            _committed -= estimate;
        }
    }

    public void Answered(decimal cost, decimal synchronous)
    {
        lock (_gate)
        {
            _answered++;
            _cost += cost;
            _synchronous += synchronous;
        }
    }

    /// <summary>Money spent or committed: the answers' cost plus the estimates of submitted batches not yet finished.</summary>
    public decimal Projected
    {
        get
        {
            lock (_gate)
            {
                return _cost + Math.Max(0, _committed);
            }
        }
    }

    /// <param name="waiting">Requests waiting to be batched (<see cref="BatchCoalescer.Waiting"/>).</param>
    public BatchProgress Snapshot(int waiting = 0)
    {
        lock (_gate)
        {
            return new BatchProgress(_submitted, _inProgress, _done, _answered, _cost, _synchronous, _inBatches, waiting);
        }
    }
}
