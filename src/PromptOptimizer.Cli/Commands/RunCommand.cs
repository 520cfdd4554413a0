using System.Globalization;
using PromptOptimizer.Cli.Hosting;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Generation;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Commands;

/// <summary>The batch run: preflight checks, plan, confirmation, the engine, the summary and the exit code.</summary>
internal sealed class RunCommand(CliContext context)
{
    public async Task<int> ExecuteAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        var error = context.Error;
        var topicsDir = Path.GetFullPath(settings.TopicsDir);
        if (!Directory.Exists(topicsDir))
        {
            await error.WriteLineAsync($"Error: topics directory not found: {topicsDir} (set --topics-dir)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var needsExa = !RunVariants.UsesWebResearch(settings.Variant, settings.UseWebPlugin);
        if (RunHost.CheckKeys(settings, context.Environment, needsExa) is { } keyError)
        {
            await error.WriteLineAsync("Error: " + keyError).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        PriceTable prices;
        try
        {
            prices = RunHost.LoadPrices(settings.PricesFile, settings.ConfigPrices);
        }
        catch (Exception ex) when (ex is IOException or FormatException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Error: cannot read --prices: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (PreparedDirectory(settings.StateDir, "--state-dir") is { } stateError)
        {
            await error.WriteLineAsync("Error: " + stateError).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (!settings.DryRun && PreparedDirectory(settings.OutputDir, "--output-dir") is { } outputError)
        {
            await error.WriteLineAsync("Error: " + outputError).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using var stateLock = StateLock.TryAcquire(settings.StateDir, settings.Variant, out var holder);
        if (stateLock is null)
        {
            await error.WriteLineAsync($"Error: another {OutputKinds.NameOf(RunVariants.ProductOf(settings.Variant))} run is using {Path.GetFullPath(settings.StateDir)} ({holder}). Wait for it to finish or use another --state-dir.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var checkpointPath = CheckpointFile.PathFor(settings.StateDir, settings.Variant);
        var (storeSpec, specError) = StoreSpec.Resolve(settings.Store, context.Environment, settings.StateDir);
        var store = specError is null ? await StoreFactory.OpenAsync(storeSpec!, context.Time, cancellationToken).ConfigureAwait(false) : (null, specError);
        if (store.Error is { } storeError)
        {
            await error.WriteLineAsync("Error: " + storeError).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        await using var completionStore = store.Store!;
        var product = RunVariants.ProductOf(settings.Variant);
        var paths = new OutputPaths(settings.OutputDir);
        var loader = new TopicLoader(topicsDir);

        if (settings.Cleanup)
        {
            var cleaned = await new CleanupCommand(context).CleanAsync(settings, loader, completionStore, paths, product, cancellationToken).ConfigureAwait(false);
            if (cleaned != ExitCodes.Success)
            {
                return cleaned;
            }
        }

        // The planner also sweeps the temp files a killed run left, category by category as it lists the outputs.
        var history = Task.Run(() => PlanEstimator.LoadHistoryAsync(completionStore, settings.Variant, cancellationToken), cancellationToken);
        RunPlan plan;
        try
        {
            plan = await new RunPlanner(loader, completionStore, paths, context.Time).PlanAsync(product, settings.Categories, settings.Limit, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Never leave the history read running against a store about to be closed.
            await Task.WhenAny(history).ConfigureAwait(false);
        }

        var estimate = PlanEstimator.Estimate(await history.ConfigureAwait(false), settings, prices, plan);
        PlanPrinter.Print(context.Out, settings, plan, estimate);

        if (settings.DryRun)
        {
            return ExitCodes.Success;
        }

        if (plan.ToProcess.Count > 0 && !settings.Force)
        {
            if (!context.IsInteractive)
            {
                await error.WriteLineAsync("Error: confirmation needed but no terminal is attached; add --force to run unattended (or --dry-run to only see the plan).").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            context.Out.WriteRaw("Proceed? [y/N] ");
            if (context.ReadLine()?.Trim().ToLowerInvariant() is not ("y" or "yes"))
            {
                context.Out.WriteRawLine("Cancelled; nothing was done.");
                return ExitCodes.Success;
            }
        }

        await using var host = await RunHost.StartAsync(settings, context.Environment, prices, context.Time, completionStore.WorkQueue, cancellationToken).ConfigureAwait(false);
        var generation = new GenerationOptions(settings.Model, settings.CriticModel, settings.MaxRepairs, settings.MinScore, settings.MaxRounds, settings.SearchResults);
        var pipeline = host.CreatePipeline(settings, generation, paths, context.Time);
        var runner = new TopicRunner(loader, completionStore, pipeline, prices, context.Time, settings.SearchResults);
        var engine = new BatchEngine(runner, context.Time, [host.Provider.ChatGate, host.Provider.ExaGate]);
        var runId = context.Time.GetUtcNow().ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture) + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var options = new RunOptions(settings.Variant, runId, $"{Environment.MachineName}:{Environment.ProcessId}", settings.Concurrent, settings.BatchSize,
            TimeSpan.FromSeconds(settings.BatchDelaySeconds), settings.StrictBatches, settings.MaxCost, settings.Arguments, checkpointPath);

        var interrupts = context.Interrupts;
        interrupts?.SetGrace(TimeSpan.FromSeconds(settings.GraceSeconds));
        var stopToken = interrupts?.StopDispatch ?? CancellationToken.None;
        var abortToken = interrupts?.Abort ?? CancellationToken.None;

        RunSummary summary;
        if (!settings.Plain && context.IsInteractive)
        {
            var live = new LiveRunObserver(context.Out, context.Time);
            summary = await live.ShowAsync(plan.ToProcess.Count, () => engine.RunAsync(plan, options, live, estimate.CostPerTopic, stopToken, abortToken)).ConfigureAwait(false);
        }
        else
        {
            summary = await engine.RunAsync(plan, options, new PlainRunObserver(context.Out, context.Time), estimate.CostPerTopic, stopToken, abortToken).ConfigureAwait(false);
        }

        await completionStore.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        SummaryPrinter.PrintSummary(context.Out, settings.Variant, summary);
        return ExitCodeOf(summary, settings);
    }

    private int ExitCodeOf(RunSummary summary, RunSettings settings)
    {
        if (summary.StopReason != StopReason.None)
        {
            context.Out.WriteRawLine();
            context.Out.WriteRawLine($"Stopped: {summary.StopMessage}");
            context.Out.WriteRawLine($"Resume with: prompt-optimizer {ResumeCommandOf(settings)}");
            return summary.StopReason == StopReason.Interrupted ? ExitCodes.Interrupted : ExitCodes.Stopped;
        }

        return summary.Failed > 0 ? ExitCodes.TopicsFailed : ExitCodes.Success;
    }

    /// <summary>The exact command that continues this run.</summary>
    public static string ResumeCommandOf(RunSettings settings)
    {
        var mode = settings.Variant switch
        {
            RunVariant.FlashcardsExa => "--flashcards",
            RunVariant.FlashcardsWeb => "--flashcards --use-web-plugin",
            RunVariant.Prompts => settings.UseWebPlugin ? "--prompts --use-web-plugin" : "--prompts",
            _ => settings.UseWebPlugin ? "--unified --use-web-plugin" : "--unified",
        };
        var state = settings.StateDir == "state" ? "" : $" --state-dir {Quote(settings.StateDir)}";
        return $"{mode} --resume{state}";
    }

    private static string Quote(string value) => value.Contains(' ', StringComparison.Ordinal) ? $"\"{value}\"" : value;

    /// <summary>Creates the directory and proves it is writable; returns an error message or null.</summary>
    private static string? PreparedDirectory(string directory, string flag)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".po-write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{flag} {Path.GetFullPath(directory)} is not writable: {ex.Message}";
        }
    }
}
