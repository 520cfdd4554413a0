using System.CommandLine;
using System.Globalization;
using PromptOptimizer.Cli.Configuration;
using PromptOptimizer.Cli.Hosting;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Commands;

/// <summary>The batch run (the root command): preflight checks, plan, confirmation, the engine, the summary and the exit code.</summary>
internal static class RunCommand
{
    public static async Task<CommandExit> ExecuteAsync(CliContext context, CliOptions o, ParseResult parse, string[] args, CancellationToken cancellationToken)
    {
        var root = (RootCommand)parse.RootCommandResult.Command;
        var (variant, error) = RunBinder.VariantOf(o, parse);
        var (extra, configPrices, configError) = error is null ? ConfigLayer.Resolve(root, o.Run, parse, parse.GetValue(o.Config), context.Environment) : ([], null, error);
        if (configError is not null)
        {
            return CommandExit.Usage(configError);
        }

        if (extra.Count > 0)
        {
            args = [.. args, .. extra];
            parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                return CliApp.SyntaxErrors(parse);
            }
        }

        if (parse.GetValue(o.CheckpointStatus))
        {
            return await CheckpointStatusCommand.ShowAsync(context, o, parse, variant, cancellationToken).ConfigureAwait(false);
        }

        if (variant is not { } selected)
        {
            return CommandExit.Usage("choose a mode: --flashcards [--use-web-plugin], --prompts or --unified (see --help).");
        }

        var settings = RunBinder.Bind(o, parse, selected, args) with { ConfigPrices = configPrices };
        if (settings.Validate() is { } invalid)
        {
            return CommandExit.Usage(invalid);
        }

        var (resolved, exit) = await ResumeGate.ResolveAsync(context, o, parse, settings, cancellationToken).ConfigureAwait(false);
        return resolved is null ? exit : await RunAsync(context, resolved, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CommandExit> RunAsync(CliContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var topicsDir = Path.GetFullPath(settings.TopicsDir);
        var needsExa = !RunVariants.UsesWebResearch(settings.Variant, settings.UseWebPlugin) && settings.LocalSources is null;
        var (prices, pricesError) = RunHost.LoadPrices(settings.PricesFile, settings.ConfigPrices);
        var error = (Directory.Exists(topicsDir) ? null : $"topics directory not found: {topicsDir} (set --topics-dir)")
            ?? RunHost.CheckKeys(settings, context.Environment, needsExa)
            ?? pricesError
            ?? PreparedDirectory(settings.StateDir, "--state-dir")
            ?? (settings.DryRun ? null : PreparedDirectory(settings.OutputDir, "--output-dir"));
        if (error is not null)
        {
            return CommandExit.Usage(error);
        }

        var product = RunVariants.ProductOf(settings.Variant);
        using var stateLock = StateLock.TryAcquire(settings.StateDir, settings.Variant, out var holder);
        if (stateLock is null)
        {
            return CommandExit.Usage($"another {OutputKinds.NameOf(product)} run is using {Path.GetFullPath(settings.StateDir)} ({holder}). Wait for it to finish or use another --state-dir.");
        }

        return await StoreAccess.WithStoreAsync(context, settings.Store, settings.StateDir, store => RunWithStoreAsync(context, settings, store, prices!, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CommandExit> RunWithStoreAsync(CliContext context, RunSettings settings, ICompletionStore completionStore, PriceTable prices, CancellationToken cancellationToken)
    {
        var product = RunVariants.ProductOf(settings.Variant);
        completionStore.Outage?.Budget = TimeSpan.FromSeconds(settings.StoreOutageSeconds);
        var paths = new OutputPaths(settings.OutputDir);
        var library = settings.LocalSources is null ? null : await IndexCommand.OpenAsync(context, settings.LocalSources, settings.StateDir, settings.SearchResults, cancellationToken).ConfigureAwait(false);
        var loader = new TopicLoader(Path.GetFullPath(settings.TopicsDir), library is null ? null : library.SourcesIdentity);
        var planner = new RunPlanner(loader, completionStore, paths, context.Time);
        if (settings.Cleanup)
        {
            var scope = settings.Categories.Count == 0 ? "all categories" : string.Join(", ", settings.Categories);
            if (!settings.Force && !context.IsInteractive)
            {
                return CommandExit.Usage($"--cleanup deletes outputs in {Path.Combine(paths.Root, OutputKinds.NameOf(product))} ({scope}); add --force to confirm without a terminal.");
            }

            if (!settings.Force && !context.Confirm($"Delete {OutputKinds.NameOf(product)} outputs and tracking for {scope}?"))
            {
                context.Out.WriteRawLine("Cleanup cancelled; nothing was deleted.");
                return ExitCodes.Usage;
            }

            var (deleted, reset) = await planner.CleanAsync(product, settings.Categories, cancellationToken).ConfigureAwait(false);
            context.Out.WriteRawLine($"Cleanup: deleted {deleted} output files and reset {reset} tracking rows ({scope}).");
        }

        var (plan, estimate) = await PlanEstimator.PlanAsync(planner, completionStore, settings, prices, cancellationToken).ConfigureAwait(false);
        PlanPrinter.Print(context.Out, settings, plan, estimate);
        if (settings.DryRun)
        {
            return ExitCodes.Success;
        }

        if (plan.ToProcess.Count > 0 && !settings.Force)
        {
            if (!context.IsInteractive)
            {
                return CommandExit.Usage("confirmation needed but no terminal is attached; add --force to run unattended (or --dry-run to only see the plan).");
            }

            if (!context.Confirm("Proceed?"))
            {
                context.Out.WriteRawLine("Cancelled; nothing was done.");
                return ExitCodes.Success;
            }
        }

        await using var host = await RunHost.StartAsync(settings, context.Environment, prices, context.Time, completionStore.WorkQueue, cancellationToken).ConfigureAwait(false);
        var runner = host.CreateRunner(settings, loader, completionStore, paths, library);
        var engine = new BatchEngine(runner, context.Time, [host.Provider.ChatGate, host.Provider.ExaGate], host.Batching is { } batching ? () => batching.Progress : null);
        var runId = context.Time.GetUtcNow().ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture) + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var options = new RunOptions(settings.Variant, runId, $"{Environment.MachineName}:{Environment.ProcessId}", settings.Concurrent, settings.BatchSize,
            TimeSpan.FromSeconds(settings.BatchDelaySeconds), settings.StrictBatches, settings.MaxCost, settings.Arguments, settings.CheckpointPath);
        var (stop, abort) = context.InterruptsWithGrace(settings.BatchApi ? 0 : settings.GraceSeconds, CancellationToken.None); // batches may take hours: the next run collects them
        var live = !settings.Plain && context.IsInteractive ? new LiveRunObserver(context.Out) : null;
        IRunObserver observer = live is null ? new PlainRunObserver(context.Out, context.Time) : live;
        Task<RunSummary> Run() => engine.RunAsync(plan, options, observer, estimate.CostPerTopic, stop, abort);
        var summary = await (live is null ? Run() : live.ShowAsync(plan.ToProcess.Count, Run)).ConfigureAwait(false);
        await completionStore.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        SummaryPrinter.PrintSummary(context.Out, settings.SummaryTitle, summary, host.Batching?.Progress);
        if (summary.StopReason != StopReason.None)
        {
            context.Out.WriteRawLine();
            context.Out.WriteRawLine($"Stopped: {summary.StopMessage}");
            context.Out.WriteRawLine($"Resume with: prompt-optimizer {settings.ResumeCommand()}");
            return summary.StopReason == StopReason.Interrupted ? ExitCodes.Interrupted : ExitCodes.Stopped;
        }

        return summary.Failed > 0 ? ExitCodes.TopicsFailed : ExitCodes.Success;
    }

    /// <summary>Creates the directory and proves it is writable; returns an error message or null.</summary>
    private static string? PreparedDirectory(string directory, string flag) =>
        AtomicFile.ProbeWritable(directory) is { } why ? $"{flag} {Path.GetFullPath(directory)} is not writable: {why}" : null;
}
