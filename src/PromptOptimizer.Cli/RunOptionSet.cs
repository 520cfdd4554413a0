using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PromptOptimizer.Output;

namespace PromptOptimizer.Cli;

/// <summary>The flags of the batch run (the root command), named as the original tool named them.</summary>
internal sealed class RunOptionSet
{
    public Option<bool> Flashcards { get; } = new("--flashcards") { Description = "Generate cited flashcards (research with Exa, or the web plugin with --use-web-plugin)." };

    public Option<bool> Prompts { get; } = new("--prompts") { Description = "Generate an optimized system prompt per topic (draft, critique, revise)." };

    public Option<bool> Unified { get; } = new("--unified") { Description = "Prompts and flashcards in one pass sharing one research step." };

    public Option<bool> UseWebPlugin { get; } = new("--use-web-plugin") { Description = "Research through OpenRouter's web plugin (Exa engine) instead of calling Exa directly." };

    public Option<string> Provider { get; } = new("--provider") { Description = "openrouter (real APIs, needs keys) or sim (built-in simulator, offline).", DefaultValueFactory = _ => "openrouter" };

    public Option<string[]> Category { get; } = new("--category") { Description = "Only this category (repeatable; none means all).", AllowMultipleArgumentsPerToken = false };

    public Option<int?> Limit { get; } = new("--limit") { Description = "At most N topics that need work, in order." };

    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Topics per numbered batch (progress and checkpoints).", DefaultValueFactory = _ => 10 };

    public Option<double> BatchDelay { get; } = new("--batch-delay") { Description = "Minimum seconds between the starts of consecutive batches.", DefaultValueFactory = _ => 2.0 };

    public Option<int> Concurrent { get; } = new("--concurrent") { Description = "Maximum topics in flight.", DefaultValueFactory = _ => 100 };

    public Option<bool> StrictBatches { get; } = new("--strict-batches") { Description = "The original tool's scheduling: wait for the whole batch, then --batch-delay." };

    public Option<bool> Cleanup { get; } = new("--cleanup") { Description = "Delete the selected scope's outputs and reset their tracking (asks unless --force)." };

    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue the interrupted run of this mode with its saved arguments." };

    public Option<bool> Force { get; } = new("--force") { Description = "Skip confirmations; start over an unfinished run (completed work is kept)." };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Show the plan and exit." };

    public Option<bool> Plain { get; } = new("--plain") { Description = "Plain progress lines even on a terminal." };

    public Option<bool> CheckpointStatus { get; } = new("--checkpoint-status") { Description = "Show the checkpoint of the selected mode (or of every mode) and exit." };

    public Option<bool> Json { get; } = new("--json") { Description = "With --checkpoint-status: JSON output." };

    public Option<string> TopicsDir { get; } = new("--topics-dir") { Description = "Topics directory (<category>/<name>.json).", DefaultValueFactory = _ => "topics" };

    public Option<string> OutputDir { get; } = new("--output-dir") { Description = "Where output files are written.", DefaultValueFactory = _ => "output" };

    public Option<string> StateDir { get; } = new("--state-dir") { Description = "Checkpoints, the completion database and lock files.", DefaultValueFactory = _ => "state" };

    public Option<string?> Store { get; } = new("--store") { Description = "Completion store: sqlite:PATH (default <state-dir>/completion_tracking.db) or a PostgreSQL URL / connection string (env PROMPT_OPTIMIZER_STORE)." };

    public Option<string> Model { get; } = new("--model") { Description = "Generation model.", DefaultValueFactory = _ => "openai/gpt-4o-mini" };

    public Option<string?> CriticModel { get; } = new("--critic-model") { Description = "Model for the rubric critique (default: --model)." };

    public Option<int> SearchResults { get; } = new("--search-results") { Description = "Search results per topic.", DefaultValueFactory = _ => 5 };

    public Option<int> MaxRepairs { get; } = new("--max-repairs") { Description = "Times an invalid answer is sent back with its errors.", DefaultValueFactory = _ => 2 };

    public Option<double> MinScore { get; } = new("--min-score") { Description = "Revise a system prompt while its weighted score is below this (1-10).", DefaultValueFactory = _ => 8 };

    public Option<int> MaxRounds { get; } = new("--max-rounds") { Description = "Maximum revisions of a system prompt.", DefaultValueFactory = _ => 2 };

    public Option<double> ExaQps { get; } = new("--exa-qps") { Description = "Exa searches per second, never exceeded in any 1-second window.", DefaultValueFactory = _ => 5 };

    public Option<int?> Rpm { get; } = new("--rpm") { Description = "Optional cap on OpenRouter requests per minute." };

    public Option<int> MaxRetries { get; } = new("--max-retries") { Description = "Retries per call for transient failures.", DefaultValueFactory = _ => 4 };

    public Option<double> RequestTimeout { get; } = new("--request-timeout") { Description = "Seconds before one call is abandoned.", DefaultValueFactory = _ => 120 };

    public Option<decimal?> MaxCost { get; } = new("--max-cost") { Description = "Stop dispatching before the projected spend (USD) would pass this." };

    public Option<double> Grace { get; } = new("--grace") { Description = "Seconds in-flight topics may finish after Ctrl+C.", DefaultValueFactory = _ => 30 };

    public Option<string?> Config { get; } = new("--config") { Description = "Configuration file with defaults for any flag (default: ./prompt-optimizer.json when present)." };

    public Option<string?> Prices { get; } = new("--prices") { Description = "JSON file overriding the price table used for estimates." };

    public Option<double> RetryBaseDelay { get; } = new("--retry-base-delay") { Description = "Milliseconds: first backoff ceiling (doubles per retry, full jitter).", DefaultValueFactory = _ => 1000, Hidden = true };

    public Option<double> SimLatency { get; } = new("--sim-latency") { Description = "With --provider sim: median latency in ms.", DefaultValueFactory = _ => 300 };

    public Option<double> SimLatencySigma { get; } = new("--sim-latency-sigma") { Description = "With --provider sim: log-normal spread of latency.", DefaultValueFactory = _ => 0.6 };

    public Option<string?> SimFaults { get; } = new("--sim-faults") { Description = "With --provider sim: faults, e.g. 429=0.05,500=0.02,bad-json=0.01." };

    public Option<int> SimSeed { get; } = new("--sim-seed") { Description = "With --provider sim: random seed.", DefaultValueFactory = _ => 1 };

    public Option<double?> SimExaQps { get; } = new("--sim-exa-qps") { Description = "With --provider sim: the simulator's own Exa QPS limit (429 above it)." };

    public IEnumerable<Option> All =>
    [
        Flashcards, Prompts, Unified, UseWebPlugin, Provider, Category, Limit, BatchSize, BatchDelay, Concurrent, StrictBatches, Cleanup, Resume, Force,
        DryRun, Plain, CheckpointStatus, Json, TopicsDir, OutputDir, StateDir, Store, Model, CriticModel, SearchResults, MaxRepairs, MinScore, MaxRounds,
        ExaQps, Rpm, MaxRetries, RequestTimeout, MaxCost, Grace, Config, Prices, RetryBaseDelay, SimLatency, SimLatencySigma, SimFaults, SimSeed, SimExaQps,
    ];

    /// <summary>The selected mode, or null when no mode flag was given; an error when several were.</summary>
    public (RunVariant? Variant, string? Error) VariantOf(ParseResult result)
    {
        var modes = new[] { (result.GetValue(Flashcards), "--flashcards"), (result.GetValue(Prompts), "--prompts"), (result.GetValue(Unified), "--unified") }
            .Where(m => m.Item1).Select(m => m.Item2).ToList();
        if (modes.Count > 1)
        {
            return (null, $"choose one mode, not {string.Join(" and ", modes)}");
        }

        if (modes.Count == 0)
        {
            return (null, null);
        }

        var web = result.GetValue(UseWebPlugin);
        return (modes[0] switch
        {
            "--flashcards" => web ? RunVariant.FlashcardsWeb : RunVariant.FlashcardsExa,
            "--prompts" => RunVariant.Prompts,
            _ => RunVariant.Unified,
        }, null);
    }

    public RunSettings Bind(ParseResult result, RunVariant variant, IReadOnlyList<string> arguments) => new()
    {
        Variant = variant,
        UseWebPlugin = result.GetValue(UseWebPlugin),
        Provider = result.GetValue(Provider) ?? "openrouter",
        Categories = result.GetValue(Category) ?? [],
        Limit = result.GetValue(Limit),
        BatchSize = result.GetValue(BatchSize),
        BatchDelaySeconds = result.GetValue(BatchDelay),
        Concurrent = result.GetValue(Concurrent),
        StrictBatches = result.GetValue(StrictBatches),
        Cleanup = result.GetValue(Cleanup),
        Resume = result.GetValue(Resume),
        Force = result.GetValue(Force),
        DryRun = result.GetValue(DryRun),
        Plain = result.GetValue(Plain),
        TopicsDir = result.GetValue(TopicsDir) ?? "topics",
        OutputDir = result.GetValue(OutputDir) ?? "output",
        StateDir = result.GetValue(StateDir) ?? "state",
        Store = result.GetValue(Store),
        Model = result.GetValue(Model) ?? "openai/gpt-4o-mini",
        CriticModel = result.GetValue(CriticModel),
        SearchResults = result.GetValue(SearchResults),
        MaxRepairs = result.GetValue(MaxRepairs),
        MinScore = result.GetValue(MinScore),
        MaxRounds = result.GetValue(MaxRounds),
        ExaQps = result.GetValue(ExaQps),
        Rpm = result.GetValue(Rpm),
        MaxRetries = result.GetValue(MaxRetries),
        RequestTimeoutSeconds = result.GetValue(RequestTimeout),
        MaxCost = result.GetValue(MaxCost),
        GraceSeconds = result.GetValue(Grace),
        PricesFile = result.GetValue(Prices),
        RetryBaseDelayMs = result.GetValue(RetryBaseDelay),
        SimLatencyMs = result.GetValue(SimLatency),
        SimLatencySigma = result.GetValue(SimLatencySigma),
        SimFaults = result.GetValue(SimFaults),
        SimSeed = result.GetValue(SimSeed),
        SimExaQps = result.GetValue(SimExaQps),
        Arguments = RedactStore(arguments),
    };

    /// <summary>The arguments as saved for <c>--resume</c>: a PostgreSQL <c>--store</c> loses its password.</summary>
    public static IReadOnlyList<string> RedactStore(IReadOnlyList<string> arguments)
    {
        var result = arguments.ToList();
        for (var i = 0; i < result.Count; i++)
        {
            if (result[i] == "--store" && i + 1 < result.Count)
            {
                result[i + 1] = Hosting.StoreSpec.Redacted(result[i + 1]);
            }
            else if (result[i].StartsWith("--store=", StringComparison.Ordinal))
            {
                result[i] = "--store=" + Hosting.StoreSpec.Redacted(result[i]["--store=".Length..]);
            }
        }

        return result;
    }

    /// <summary>Checks ranges once; the message names the flag.</summary>
    public static string? Validate(RunSettings s)
    {
        string? Bad(bool condition, string message) => condition ? message : null;
        return Bad(s.Provider is not ("openrouter" or "sim"), $"--provider must be openrouter or sim, not '{s.Provider}'")
            ?? Bad(s.Limit is < 1, "--limit must be at least 1")
            ?? Bad(s.BatchSize < 1, "--batch-size must be at least 1")
            ?? Bad(s.BatchDelaySeconds < 0 || double.IsNaN(s.BatchDelaySeconds), "--batch-delay must not be negative")
            ?? Bad(s.Concurrent is < 1 or > 10_000, "--concurrent must be between 1 and 10000")
            ?? Bad(s.SearchResults is < 1 or > 100, "--search-results must be between 1 and 100")
            ?? Bad(s.MaxRepairs is < 0 or > 10, "--max-repairs must be between 0 and 10")
            ?? Bad(s.MinScore is < 1 or > 10, "--min-score must be between 1 and 10")
            ?? Bad(s.MaxRounds is < 0 or > 10, "--max-rounds must be between 0 and 10")
            ?? Bad(s.ExaQps <= 0 || double.IsNaN(s.ExaQps), "--exa-qps must be positive")
            ?? Bad(s.Rpm is < 1, "--rpm must be at least 1")
            ?? Bad(s.MaxRetries is < 0 or > 100, "--max-retries must be between 0 and 100")
            ?? Bad(s.RequestTimeoutSeconds <= 0, "--request-timeout must be positive")
            ?? Bad(s.MaxCost is <= 0, "--max-cost must be positive")
            ?? Bad(s.GraceSeconds < 0, "--grace must not be negative")
            ?? Bad(s.RetryBaseDelayMs < 0, "--retry-base-delay must not be negative")
            ?? Bad(s.SimLatencyMs < 0, "--sim-latency must not be negative")
            ?? Bad(s.SimLatencySigma < 0, "--sim-latency-sigma must not be negative")
            ?? Bad(s.SimExaQps is <= 0, "--sim-exa-qps must be positive")
            ?? Bad(s.Resume && s.Cleanup, "--resume and --cleanup contradict each other")
            ?? Bad(s.Categories.Any(c => c.Contains('/', StringComparison.Ordinal) || c.Contains('\\', StringComparison.Ordinal) || c is "." or ".."),
                "--category takes a category folder name, without '/' or '..'")
            ?? Bad(s.Model.Trim().Length == 0, "--model must not be empty");
    }

    /// <summary>Whether the user typed this flag (as opposed to its default).</summary>
    public static bool IsExplicit(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
