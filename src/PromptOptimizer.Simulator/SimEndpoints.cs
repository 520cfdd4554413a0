namespace PromptOptimizer.Simulator;

/// <summary>Endpoint names used in scripts and statistics.</summary>
internal static class SimEndpoints
{
    public const string Chat = "chat";
    public const string Search = "search";
}
