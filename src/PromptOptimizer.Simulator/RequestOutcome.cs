namespace PromptOptimizer.Simulator;

/// <summary>How a request ended: HTTP status (0 never answered, -1 reset) and the cost billed.</summary>
internal readonly record struct RequestOutcome(int Status, decimal Cost = 0m)
{
    public static RequestOutcome NeverAnswered { get; } = new(0);

    public static RequestOutcome Reset { get; } = new(-1);
}
