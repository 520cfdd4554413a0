using System.CommandLine;
using System.CommandLine.Parsing;
using PromptOptimizer.Output;

namespace PromptOptimizer.Cli;

/// <summary>
/// Every flag of every command, declared and described once; a command lists the ones it takes. The names are the
/// original tool's. One instance per command tree, since an option remembers the commands it was added to.
/// </summary>
internal sealed class CliOptions
{
    public Option<bool> Flashcards { get; } = new("--flashcards") { Description = "Generate cited flashcards (research with Exa, or the web plugin with --use-web-plugin)." };
    public Option<bool> Prompts { get; } = new("--prompts") { Description = "Generate an optimized system prompt per topic (draft, critique, revise)." };
    public Option<bool> Unified { get; } = new("--unified") { Description = "Prompts and flashcards in one pass sharing one research step." };
    public Option<bool> UseWebPlugin { get; } = new("--use-web-plugin") { Description = "Research through OpenRouter's web plugin (Exa engine) instead of calling Exa directly." };
    public Option<string?> LocalSources { get; } = new("--local-sources") { Description = "Research from this folder (Markdown, text, HTML, PDF; indexed in --state-dir) instead of the web: no search calls.", HelpName = "dir" };
    public Option<bool> BatchApi { get; } = new("--batch-api") { Description = "Chat completions through the provider's Batch API at about half the price; answers take minutes to hours, a later run collects them (not with --use-web-plugin; defaults --concurrent 2000, --batch-delay 0)." };
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
    public Option<bool> CheckpointStatus { get; } = new("--checkpoint-status") { Description = "Show the checkpoint of the selected mode (or of every mode) and the provider batches still outstanding, and exit." };
    public Option<bool> Json { get; } = new("--json") { Description = "JSON output (for a run: with --checkpoint-status)." };
    public Option<string> TopicsDir { get; } = new("--topics-dir") { Description = "Topics directory (<category>/<name>.json).", DefaultValueFactory = _ => "topics" };
    public Option<string> OutputDir { get; } = new("--output-dir") { Description = "Where output files are written.", DefaultValueFactory = _ => "output" };
    public Option<string> StateDir { get; } = new("--state-dir") { Description = "Checkpoints, the completion database and lock files.", DefaultValueFactory = _ => "state" };
    public Option<string?> Store { get; } = new("--store") { Description = "Completion store: sqlite:PATH (default <state-dir>/completion_tracking.db) or a PostgreSQL URL / connection string (env PROMPT_OPTIMIZER_STORE); enqueue, work and materialize need PostgreSQL." };
    public Option<string> Model { get; } = new("--model") { Description = "Generation model.", DefaultValueFactory = _ => "openai/gpt-4o-mini" };
    public Option<string?> CriticModel { get; } = new("--critic-model") { Description = "Model for the rubric critique (default: --model)." };
    public Option<int> SearchResults { get; } = new("--search-results") { Description = "Search results per topic.", DefaultValueFactory = _ => 5 };
    public Option<int> MaxRepairs { get; } = new("--max-repairs") { Description = "Times an invalid answer is sent back with its errors.", DefaultValueFactory = _ => 2 };
    public Option<double> MinScore { get; } = new("--min-score") { Description = "Revise a system prompt while its weighted score is below this (1-10).", DefaultValueFactory = _ => 8 };
    public Option<int> MaxRounds { get; } = new("--max-rounds") { Description = "Maximum revisions of a system prompt.", DefaultValueFactory = _ => 2 };
    public Option<double> ExaQps { get; } = new("--exa-qps") { Description = "Exa searches per second, never exceeded in any 1-second window (simulate: the rate it accepts, 429 above; unlimited when not given).", DefaultValueFactory = _ => 5 };
    public Option<int?> Rpm { get; } = new("--rpm") { Description = "Optional cap on OpenRouter requests per minute." };
    public Option<int> MaxRetries { get; } = new("--max-retries") { Description = "Retries per call for transient failures.", DefaultValueFactory = _ => 4 };
    public Option<double> RequestTimeout { get; } = new("--request-timeout") { Description = "Seconds before one call is abandoned.", DefaultValueFactory = _ => 120 };
    public Option<double> ProviderOutage { get; } = new("--provider-outage") { Description = "Seconds a provider may stay unreachable (calls wait for it; no topic fails) before the run stops with exit 3.", DefaultValueFactory = _ => 300 };
    public Option<decimal?> MaxCost { get; } = new("--max-cost") { Description = "Stop dispatching before the projected spend (USD) would pass this." };
    public Option<double> Grace { get; } = new("--grace") { Description = "Seconds in-flight topics may finish after Ctrl+C.", DefaultValueFactory = _ => 30 };
    public Option<string?> Config { get; } = new("--config") { Description = "Configuration file with defaults for any flag (default: ./prompt-optimizer.json when present)." };
    public Option<string?> Prices { get; } = new("--prices") { Description = "JSON file overriding the price table used for estimates." };
    public Option<double> RetryBaseDelay { get; } = new("--retry-base-delay") { Description = "Milliseconds: first backoff ceiling (doubles per retry, full jitter).", DefaultValueFactory = _ => 1000, Hidden = true };
    public Option<double> SimLatency { get; } = new("--sim-latency") { Description = "With --provider sim: median latency in ms.", DefaultValueFactory = _ => 300 };
    public Option<double> SimLatencySigma { get; } = new("--sim-latency-sigma") { Description = "With --provider sim: log-normal spread of latency.", DefaultValueFactory = _ => 0.6 };
    public Option<string?> SimFaults { get; } = new("--sim-faults") { Description = "With --provider sim: faults, e.g. 429=0.05,500=0.02,bad-json=0.01." };
    public Option<int> SimSeed { get; } = new("--sim-seed") { Description = "With --provider sim: random seed.", DefaultValueFactory = _ => 1 };
    public Option<double> SimBatchLatency { get; } = new("--sim-batch-latency") { Description = "With --provider sim: seconds a batch takes to finish.", DefaultValueFactory = _ => 1 };
    public Option<double?> SimExaQps { get; } = new("--sim-exa-qps") { Description = "With --provider sim: the simulator's own Exa QPS limit (429 above it)." };

    public Option<OutputKind?> Mode { get; } = new("--mode") { Description = "flashcards, prompts or unified (default: all; export and quality-report: flashcards; prompts export only as jsonl).", HelpName = "mode", CustomParser = ParseMode };
    public Option<string> Topic { get; } = new("--topic") { Description = "Topic path relative to the topics directory, or a path to the file.", Required = true };
    public Option<bool> Full { get; } = new("--full") { Description = "Show requests and answers in full." };
    public Option<string> Format { get; } = new("--format") { Description = "apkg, anki-tsv, csv or jsonl.", Required = true };
    public Option<string> Out { get; } = new("--out") { Description = "File to write (written atomically).", Required = true };
    public Option<bool> MinQuality { get; } = new("--min-quality") { Description = "Leave out cards flagged by the quality checks." };
    public Option<string[]> Query { get; } = new("--query") { Description = "Also show what this search query finds, with scores and time (repeatable).", AllowMultipleArgumentsPerToken = false };
    public Option<bool> Follow { get; } = new("--follow") { Description = "Keep polling for new work instead of exiting when the queue is drained." };
    public Option<double> StoreOutage { get; } = new("--store-outage")
    {
        Description = "Seconds to wait for an unreachable or locked database (retrying with backoff) before stopping with exit 3; keep it below a worker's lease.",
        DefaultValueFactory = _ => PromptOptimizer.Tracking.StoreOutage.DefaultBudget.TotalSeconds,
    };

    public Option<double> LeaseSeconds { get; } = new("--lease-seconds") { Description = "Seconds a claim holds without a heartbeat.", DefaultValueFactory = _ => 300, Hidden = true };
    public Option<double> PollSeconds { get; } = new("--poll-seconds") { Description = "Seconds between two claims that found nothing.", DefaultValueFactory = _ => 5, Hidden = true };
    public Option<int> ClaimBatch { get; } = new("--claim-batch") { Description = "Topics per claim.", DefaultValueFactory = _ => 10, Hidden = true };
    public Option<int?> Port { get; } = new("--port") { Description = "Port to listen on; 0 picks a free one. Default: 8787 for simulate, a free port for serve." };
    public Option<string> Host { get; } = new("--host") { Description = "Address the review page listens on (other than loopback: reachable from other machines, with a warning).", DefaultValueFactory = _ => "127.0.0.1" };
    public Option<string?> Reviewed { get; } = new("--reviewed") { Description = "accepted: only cards accepted on the review page (serve), with their edits.", HelpName = "accepted" };
    public Option<double> Latency { get; } = new("--latency") { Description = "Median latency in ms (log-normal).", DefaultValueFactory = _ => 300 };
    public Option<double> LatencySigma { get; } = new("--latency-sigma") { Description = "Log-normal spread of latency.", DefaultValueFactory = _ => 0.6 };
    public Option<string?> Faults { get; } = new("--faults") { Description = "Fault rates, e.g. 429=0.05,500=0.02,bad-json=0.01." };
    public Option<double?> ChatRps { get; } = new("--chat-rps") { Description = "Chat requests per second accepted (429 above)." };
    public Option<double> BatchLatency { get; } = new("--batch-latency") { Description = "Seconds a submitted batch takes before it is answered.", DefaultValueFactory = _ => 0.5 };
    public Option<int> Seed { get; } = new("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };

    /// <summary>The flags of the batch run (the root command), in the order <c>--help</c> lists them.</summary>
    public IReadOnlyList<Option> Run =>
    [
        Flashcards, Prompts, Unified, UseWebPlugin, LocalSources, BatchApi, Provider, Category, Limit, BatchSize, BatchDelay, Concurrent, StrictBatches, Cleanup, Resume, Force,
        DryRun, Plain, CheckpointStatus, Json, TopicsDir, OutputDir, StateDir, Store, Model, CriticModel, SearchResults, MaxRepairs, MinScore, MaxRounds,
        ExaQps, Rpm, MaxRetries, RequestTimeout, ProviderOutage, StoreOutage, MaxCost, Grace, Config, Prices, RetryBaseDelay, SimLatency, SimLatencySigma, SimFaults, SimSeed,
        SimExaQps, SimBatchLatency,
    ];

    /// <summary>The flags of a worker: the run's model, provider and limit flags, without planning, batches or state.</summary>
    public IReadOnlyList<Option> Work =>
    [
        Flashcards, Prompts, Unified, UseWebPlugin, BatchApi, Provider, Concurrent, OutputDir, Model, CriticModel, SearchResults, MaxRepairs, MinScore, MaxRounds,
        ExaQps, Rpm, MaxRetries, RequestTimeout, ProviderOutage, Grace, Prices, RetryBaseDelay, SimLatency, SimLatencySigma, SimFaults, SimSeed, SimExaQps, SimBatchLatency,
        Store, StoreOutage, Follow, LeaseSeconds, PollSeconds, ClaimBatch,
    ];

    /// <summary>Whether the user typed this flag (or the configuration supplied it), as opposed to its default.</summary>
    public static bool IsExplicit(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static OutputKind? ParseMode(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (Enum.TryParse<OutputKind>(text, ignoreCase: true, out var mode) && Enum.IsDefined(mode))
        {
            return mode;
        }

        result.AddError($"--mode must be flashcards, prompts or unified, not '{text}'");
        return null;
    }
}
