namespace PromptOptimizer.Scheduling;

/// <summary>The first reason to stop dispatching wins; later ones are ignored.</summary>
internal sealed class StopSignal(CancellationTokenSource dispatch)
{
    private readonly Lock _gate = new();

    public StopReason Reason { get; private set; }

    public string? Message { get; private set; }

    public void Request(StopReason reason, string message)
    {
        lock (_gate)
        {
            if (Reason != StopReason.None)
            {
                return;
            }

            Reason = reason;
            Message = message;
        }

        dispatch.Cancel();
    }
}
