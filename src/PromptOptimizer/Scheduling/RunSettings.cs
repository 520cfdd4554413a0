using PromptOptimizer.Batching;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// Every setting of a batch run (or of a worker, which ignores planning and state), after parsing and resume merging.
/// The property names follow the command-line flags, which <see cref="Validate"/> names in its messages.
/// </summary>
internal sealed record RunSettings
{
    public RunVariant Variant { get; init; }

    public bool UseWebPlugin { get; init; }

    /// <summary><c>--local-sources</c>: research from this folder instead of the web (null: Exa or the web plugin).</summary>
    public string? LocalSources { get; init; }

    /// <summary>The heading of the end-of-run summary block.</summary>
    public string SummaryTitle => LocalSources is not null && Variant == RunVariant.FlashcardsExa ? "LOCAL SOURCES BATCH PROCESSING COMPLETE" : RunVariants.TitleOf(Variant);

    /// <summary>This run's checkpoint file: one per variant, and local-sources runs have their own.</summary>
    public string CheckpointPath => CheckpointFile.PathFor(StateDir, Variant, LocalSources is not null);

    public string Provider { get; init; } = "openrouter";

    public IReadOnlyList<string> Categories { get; init; } = [];

    public int? Limit { get; init; }

    public int BatchSize { get; init; } = 10;

    public double BatchDelaySeconds { get; init; } = 2.0;

    public int Concurrent { get; init; } = 100;

    /// <summary><c>--batch-api</c>: chat completions go through the provider's Batch API.</summary>
    public bool BatchApi { get; init; }

    /// <summary>The default of <c>--concurrent</c> with <c>--batch-api</c>: topics in flight are topics waiting on a batch, bounded by memory.</summary>
    public const int BatchApiConcurrent = 2000;

    public bool StrictBatches { get; init; }

    public bool Cleanup { get; init; }

    public bool Resume { get; init; }

    public bool Force { get; init; }

    public bool DryRun { get; init; }

    public bool Plain { get; init; }

    public string TopicsDir { get; init; } = "topics";

    public string OutputDir { get; init; } = "output";

    public string StateDir { get; init; } = "state";

    /// <summary><c>--store</c> as given (null: <c>PROMPT_OPTIMIZER_STORE</c>, else the state directory's SQLite file).</summary>
    public string? Store { get; init; }

    public string Model { get; init; } = "openai/gpt-4o-mini";

    public string? CriticModel { get; init; }

    public int SearchResults { get; init; } = 5;

    public int MaxRepairs { get; init; } = 2;

    public double MinScore { get; init; } = 8;

    public int MaxRounds { get; init; } = 2;

    public double ExaQps { get; init; } = 5;

    public int? Rpm { get; init; }

    public int MaxRetries { get; init; } = 4;

    public double RequestTimeoutSeconds { get; init; } = 120;

    public double ProviderOutageSeconds { get; init; } = 300;

    public double StoreOutageSeconds { get; init; } = Tracking.StoreOutage.DefaultBudget.TotalSeconds;

    public decimal? MaxCost { get; init; }

    public double GraceSeconds { get; init; } = 30;

    public double RetryBaseDelayMs { get; init; } = 1000;

    public double SimLatencyMs { get; init; } = 300;

    public double SimLatencySigma { get; init; } = 0.6;

    public string? SimFaults { get; init; }

    public int SimSeed { get; init; } = 1;

    public double? SimExaQps { get; init; }

    public double SimBatchLatencySeconds { get; init; } = 1;

    public string? PricesFile { get; init; }

    /// <summary>The <c>prices</c> section of the configuration file, used when no <c>--prices</c> file is given.</summary>
    public System.Text.Json.JsonElement? ConfigPrices { get; init; }

    /// <summary>The arguments that made these settings (saved in the checkpoint for <c>--resume</c>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Checks every range once; returns a message naming the flag, or null when the settings are valid.</summary>
    public string? Validate()
    {
        static string? Bad(bool condition, string message) => condition ? message : null;
        return Bad(Provider is not ("openrouter" or "sim"), $"--provider must be openrouter or sim, not '{Provider}'")
            ?? Bad(Limit is < 1, "--limit must be at least 1")
            ?? Bad(BatchSize < 1, "--batch-size must be at least 1")
            ?? Bad(BatchDelaySeconds < 0 || double.IsNaN(BatchDelaySeconds), "--batch-delay must not be negative")
            ?? Bad(Concurrent is < 1 or > 10_000, "--concurrent must be between 1 and 10000")
            ?? Bad(SearchResults is < 1 or > 100, "--search-results must be between 1 and 100")
            ?? Bad(MaxRepairs is < 0 or > 10, "--max-repairs must be between 0 and 10")
            ?? Bad(MinScore is < 1 or > 10, "--min-score must be between 1 and 10")
            ?? Bad(MaxRounds is < 0 or > 10, "--max-rounds must be between 0 and 10")
            ?? Bad(ExaQps <= 0 || double.IsNaN(ExaQps), "--exa-qps must be positive")
            ?? Bad(Rpm is < 1, "--rpm must be at least 1")
            ?? Bad(MaxRetries is < 0 or > 100, "--max-retries must be between 0 and 100")
            ?? Bad(RequestTimeoutSeconds <= 0, "--request-timeout must be positive")
            ?? Bad(ProviderOutageSeconds <= 0 || double.IsNaN(ProviderOutageSeconds), "--provider-outage must be positive")
            ?? Bad(StoreOutageSeconds is <= 0 or > 86_400 || double.IsNaN(StoreOutageSeconds), "--store-outage must be between 0 and 86400")
            ?? Bad(MaxCost is <= 0, "--max-cost must be positive")
            ?? Bad(GraceSeconds < 0, "--grace must not be negative")
            ?? Bad(RetryBaseDelayMs < 0, "--retry-base-delay must not be negative")
            ?? Bad(SimLatencyMs < 0, "--sim-latency must not be negative")
            ?? Bad(SimLatencySigma < 0, "--sim-latency-sigma must not be negative")
            ?? Bad(SimExaQps is <= 0, "--sim-exa-qps must be positive")
            ?? Bad(SimBatchLatencySeconds < 0 || double.IsNaN(SimBatchLatencySeconds), "--sim-batch-latency must not be negative")
            ?? Bad(BatchApi && UseWebPlugin, "--batch-api cannot be used with --use-web-plugin: the Batch API does not run OpenRouter's web plugin. "
                + "Drop --use-web-plugin: with --batch-api, --flashcards researches directly with Exa (EXA_API_KEY) and only generation goes through batches")
            ?? Bad(Resume && Cleanup, "--resume and --cleanup contradict each other")
            ?? Bad(LocalSources is not null && RunVariants.UsesWebResearch(Variant, UseWebPlugin), "--local-sources and --use-web-plugin contradict each other (choose where research comes from)")
            ?? Bad(LocalSources is { } dir && !Directory.Exists(dir), $"--local-sources {LocalSources} is not a folder")
            ?? Bad(Categories.Any(c => c.Contains('/', StringComparison.Ordinal) || c.Contains('\\', StringComparison.Ordinal) || c is "." or ".."),
                "--category takes a category folder name, without '/' or '..'")
            ?? Bad(Model.Trim().Length == 0, "--model must not be empty");
    }

    /// <summary>How this run's chat requests go into batches; <paramref name="sharedStore"/> when other processes may submit batches to the same store.</summary>
    public BatchingOptions BatchingOptions(bool sharedStore) => new(
        maxRetries: MaxRetries,
        requestTimeout: TimeSpan.FromSeconds(RequestTimeoutSeconds),
        orphanAge: sharedStore ? TimeSpan.FromSeconds(RequestTimeoutSeconds * 2) : TimeSpan.Zero,
        maxCost: MaxCost);

    /// <summary>The exact command line (after <c>prompt-optimizer</c>) that continues this run.</summary>
    public string ResumeCommand()
    {
        var mode = Variant switch { RunVariant.FlashcardsExa or RunVariant.FlashcardsWeb => "--flashcards", RunVariant.Prompts => "--prompts", _ => "--unified" };
        var web = RunVariants.UsesWebResearch(Variant, UseWebPlugin) ? " --use-web-plugin" : LocalSources is { } dir ? $" --local-sources {Quoted(dir)}" : "";
        var state = StateDir == "state" ? "" : $" --state-dir {Quoted(StateDir)}";
        return $"{mode}{web} --resume{state}";
    }

    private static string Quoted(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
