namespace PromptOptimizer.Scheduling;

/// <summary>Money spent so far by every call of a run, updated from many workers.</summary>
internal sealed class CostMeter
{
    private readonly Lock _gate = new();
    private decimal _total;

    public decimal Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public void Add(decimal cost)
    {
        lock (_gate)
        {
            _total += cost;
        }
    }
}
