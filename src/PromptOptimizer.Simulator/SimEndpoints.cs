namespace PromptOptimizer.Simulator;

/// <summary>Endpoint names used in scripts and statistics.</summary>
internal static class SimEndpoints
{
    public const string Chat = "chat";
    public const string Search = "search";

    /// <summary>The Batch API's own calls (submit, poll, list, results); the requests inside a batch take chat scripts and count in the chat topic statistics.</summary>
    public const string Batch = "batch";
}
