using PromptOptimizer.Output;

namespace PromptOptimizer.Cli;

/// <summary>Every setting of a batch run, after parsing, resume merging and validation.</summary>
internal sealed record RunSettings
{
    public RunVariant Variant { get; init; }

    public bool UseWebPlugin { get; init; }

    public string Provider { get; init; } = "openrouter";

    public IReadOnlyList<string> Categories { get; init; } = [];

    public int? Limit { get; init; }

    public int BatchSize { get; init; } = 10;

    public double BatchDelaySeconds { get; init; } = 2.0;

    public int Concurrent { get; init; } = 100;

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

    public decimal? MaxCost { get; init; }

    public double GraceSeconds { get; init; } = 30;

    public double RetryBaseDelayMs { get; init; } = 1000;

    public double SimLatencyMs { get; init; } = 300;

    public double SimLatencySigma { get; init; } = 0.6;

    public string? SimFaults { get; init; }

    public int SimSeed { get; init; } = 1;

    public double? SimExaQps { get; init; }

    public string? PricesFile { get; init; }

    /// <summary>The <c>prices</c> section of the configuration file, used when no <c>--prices</c> file is given.</summary>
    public System.Text.Json.JsonElement? ConfigPrices { get; init; }

    /// <summary>The arguments that made these settings (saved in the checkpoint for <c>--resume</c>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
}
