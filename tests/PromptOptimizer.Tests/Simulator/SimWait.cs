namespace PromptOptimizer.Tests.Simulator;

/// <summary>Waits for a condition the server reaches asynchronously (an arrival, an aborted connection).</summary>
internal static class SimWait
{
    public static async Task UntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            // Polls a condition with a hard deadline rather than sleeping a guessed amount.
            await Task.Delay(5, deadline.Token);
        }
    }
}
