using System.CommandLine;
using PromptOptimizer.Cli.Hosting;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;

namespace PromptOptimizer.Cli;

/// <summary>
/// Turns a parsed command line into <see cref="RunSettings"/>: the run's, a worker's (which leaves planning and state
/// flags at their defaults), or a checkpoint's saved arguments on resume. The only place that reads run flags.
/// </summary>
internal static class RunBinder
{
    /// <summary>The selected mode, or null when no mode flag was given; an error when several were.</summary>
    public static (RunVariant? Variant, string? Error) VariantOf(CliOptions o, ParseResult parse)
    {
        var web = parse.GetValue(o.UseWebPlugin);
        var chosen = new[] { (o.Flashcards, web ? RunVariant.FlashcardsWeb : RunVariant.FlashcardsExa), (o.Prompts, RunVariant.Prompts), (o.Unified, RunVariant.Unified) }
            .Where(m => parse.GetValue(m.Item1)).ToList();
        return chosen.Count switch
        {
            0 => (null, null),
            1 => (chosen[0].Item2, null),
            _ => (null, $"choose one mode, not {string.Join(" and ", chosen.Select(m => m.Item1.Name))}"),
        };
    }

    public static RunSettings Bind(CliOptions o, ParseResult parse, RunVariant variant, IReadOnlyList<string> arguments) => new()
    {
        Variant = variant,
        UseWebPlugin = parse.GetValue(o.UseWebPlugin),
        LocalSources = parse.GetValue(o.LocalSources),
        Provider = parse.GetValue(o.Provider)!,
        Categories = parse.GetValue(o.Category) ?? [],
        Limit = parse.GetValue(o.Limit),
        BatchSize = parse.GetValue(o.BatchSize),
        BatchDelaySeconds = parse.GetValue(o.BatchApi) && !CliOptions.IsExplicit(parse, o.BatchDelay) ? 0 : parse.GetValue(o.BatchDelay),
        BatchApi = parse.GetValue(o.BatchApi),
        Concurrent = parse.GetValue(o.BatchApi) && !CliOptions.IsExplicit(parse, o.Concurrent) ? RunSettings.BatchApiConcurrent : parse.GetValue(o.Concurrent),
        StrictBatches = parse.GetValue(o.StrictBatches),
        Cleanup = parse.GetValue(o.Cleanup),
        Resume = parse.GetValue(o.Resume),
        Force = parse.GetValue(o.Force),
        DryRun = parse.GetValue(o.DryRun),
        Plain = parse.GetValue(o.Plain),
        TopicsDir = parse.GetValue(o.TopicsDir)!,
        OutputDir = parse.GetValue(o.OutputDir)!,
        StateDir = parse.GetValue(o.StateDir)!,
        Store = parse.GetValue(o.Store),
        Model = parse.GetValue(o.Model)!,
        CriticModel = parse.GetValue(o.CriticModel),
        SearchResults = parse.GetValue(o.SearchResults),
        MaxRepairs = parse.GetValue(o.MaxRepairs),
        MinScore = parse.GetValue(o.MinScore),
        MaxRounds = parse.GetValue(o.MaxRounds),
        ExaQps = parse.GetValue(o.ExaQps),
        Rpm = parse.GetValue(o.Rpm),
        MaxRetries = parse.GetValue(o.MaxRetries),
        RequestTimeoutSeconds = parse.GetValue(o.RequestTimeout),
        ProviderOutageSeconds = parse.GetValue(o.ProviderOutage),
        StoreOutageSeconds = parse.GetValue(o.StoreOutage),
        MaxCost = parse.GetValue(o.MaxCost),
        GraceSeconds = parse.GetValue(o.Grace),
        PricesFile = parse.GetValue(o.Prices),
        RetryBaseDelayMs = parse.GetValue(o.RetryBaseDelay),
        SimLatencyMs = parse.GetValue(o.SimLatency),
        SimLatencySigma = parse.GetValue(o.SimLatencySigma),
        SimFaults = parse.GetValue(o.SimFaults),
        SimSeed = parse.GetValue(o.SimSeed),
        SimExaQps = parse.GetValue(o.SimExaQps),
        SimBatchLatencySeconds = parse.GetValue(o.SimBatchLatency),
        Arguments = StoreSpec.RedactArguments(arguments),
    };
}
