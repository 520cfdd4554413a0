using System.CommandLine;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Commands;

/// <summary>
/// Decides what an existing checkpoint means for a new command line: <c>--resume</c> continues with the saved
/// arguments (explicit flags may override limits); an unfinished run is never silently restarted.
/// </summary>
internal static class CheckpointGate
{
    public static async Task<(RunSettings? Settings, int? Exit)> ResolveAsync(CliContext context, RunOptionSet run, ParseResult parse, RunSettings settings, CancellationToken cancellationToken)
    {
        // --force and --dry-run never look at an earlier run, so the checkpoint is not even read: as the process's first
        // JSON read it would delay a resume's first request.
        if (!settings.Resume && (settings.Force || settings.DryRun))
        {
            return (settings, null);
        }

        var path = CheckpointFile.PathFor(settings.StateDir, settings.Variant);
        var read = await CheckpointFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        var mode = RunVariants.ShortNameOf(settings.Variant);

        if (settings.Resume)
        {
            switch (read.Status)
            {
                case CheckpointReadStatus.Missing:
                    await context.Error.WriteLineAsync($"Error: no {mode} checkpoint to resume in {Path.GetFullPath(settings.StateDir)} ({Path.GetFileName(path)} not found). Start the run without --resume.").ConfigureAwait(false);
                    return (null, ExitCodes.Usage);
                case CheckpointReadStatus.Corrupt:
                    // The database is the source of truth: continue from it with this command line and rebuild the checkpoint.
                    // Typing --resume is the confirmation: there is nothing new to approve, only the rest of a started run.
                    await context.Error.WriteLineAsync($"Warning: {read.Error} Continuing from the completion database with this command line; the checkpoint will be rewritten.").ConfigureAwait(false);
                    return (settings with { Force = true }, null);
                default:
                    return (Merge(run, parse, settings, read.Checkpoint!), null);
            }
        }

        if (read.Status == CheckpointReadStatus.Corrupt)
        {
            await context.Error.WriteLineAsync($"Error: {read.Error} Use --resume to continue from the completion database, or --force to start over (completed work is kept either way).").ConfigureAwait(false);
            return (null, ExitCodes.Usage);
        }

        if (read.Checkpoint is { Finished: false } unfinished)
        {
            var where = $"an unfinished {mode} run from {unfinished.Started.ToLocalTime():yyyy-MM-dd HH:mm} ({unfinished.Completed} completed, {unfinished.Remaining} remaining)";
            if (!context.IsInteractive)
            {
                await context.Error.WriteLineAsync($"Error: {where} exists. Add --resume to continue it, or --force to start over (completed topics are kept and skipped).").ConfigureAwait(false);
                return (null, ExitCodes.Usage);
            }

            context.Out.WriteRaw($"Found {where}. [r]esume, [s]tart over, or [c]ancel? ");
            switch (context.ReadLine()?.Trim().ToLowerInvariant())
            {
                case "r" or "resume":
                    return (Merge(run, parse, settings with { Resume = true }, unfinished), null);
                case "s" or "start over":
                    return (settings, null);
                default:
                    context.Out.WriteRawLine("Cancelled; nothing was done.");
                    return (null, ExitCodes.Success);
            }
        }

        return (settings, null);
    }

    /// <summary>The saved arguments, with the flags typed now for concurrency, delays and limits taking precedence.</summary>
    private static RunSettings Merge(RunOptionSet run, ParseResult current, RunSettings currentSettings, Checkpoint checkpoint)
    {
        var root = new RootCommand();
        var saved = new RunOptionSet();
        foreach (var option in saved.All)
        {
            root.Options.Add(option);
        }

        var savedArgs = checkpoint.Arguments.Where(a => a != "--resume").ToArray();
        var savedParse = root.Parse(savedArgs);
        if (savedParse.Errors.Count > 0)
        {
            return currentSettings;
        }

        var (variant, _) = saved.VariantOf(savedParse);
        var merged = saved.Bind(savedParse, variant ?? currentSettings.Variant, savedArgs) with { Resume = true };
        bool Typed(Option option) => RunOptionSet.IsExplicit(current, option);
        return merged with
        {
            Concurrent = Typed(run.Concurrent) ? currentSettings.Concurrent : merged.Concurrent,
            BatchDelaySeconds = Typed(run.BatchDelay) ? currentSettings.BatchDelaySeconds : merged.BatchDelaySeconds,
            BatchSize = Typed(run.BatchSize) ? currentSettings.BatchSize : merged.BatchSize,
            StrictBatches = Typed(run.StrictBatches) ? currentSettings.StrictBatches : merged.StrictBatches,
            Limit = Typed(run.Limit) ? currentSettings.Limit : merged.Limit,
            ExaQps = Typed(run.ExaQps) ? currentSettings.ExaQps : merged.ExaQps,
            Rpm = Typed(run.Rpm) ? currentSettings.Rpm : merged.Rpm,
            MaxRetries = Typed(run.MaxRetries) ? currentSettings.MaxRetries : merged.MaxRetries,
            RequestTimeoutSeconds = Typed(run.RequestTimeout) ? currentSettings.RequestTimeoutSeconds : merged.RequestTimeoutSeconds,
            MaxCost = Typed(run.MaxCost) ? currentSettings.MaxCost : merged.MaxCost,
            GraceSeconds = Typed(run.Grace) ? currentSettings.GraceSeconds : merged.GraceSeconds,
            RetryBaseDelayMs = Typed(run.RetryBaseDelay) ? currentSettings.RetryBaseDelayMs : merged.RetryBaseDelayMs,
            Plain = currentSettings.Plain || merged.Plain,
            Force = currentSettings.Force || merged.Force,
            StateDir = currentSettings.StateDir,
        };
    }
}
