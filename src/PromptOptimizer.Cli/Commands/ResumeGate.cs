using System.CommandLine;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Commands;

/// <summary>The run's questions and messages about an earlier run of its mode; <see cref="ResumePlanner"/> decides.</summary>
internal static class ResumeGate
{
    /// <summary>The settings to run with, or null and the exit when the run must not start.</summary>
    public static async Task<(RunSettings? Settings, CommandExit Exit)> ResolveAsync(CliContext context, CliOptions o, ParseResult parse, RunSettings settings, CancellationToken cancellationToken)
    {
        var decision = await ResumePlanner.DecideAsync(settings, cancellationToken).ConfigureAwait(false);
        var mode = RunVariants.ShortNameOf(settings.Variant);
        switch (decision.Action)
        {
            case ResumeAction.NothingToResume:
                return (null, CommandExit.Usage($"no {mode} checkpoint to resume in {Path.GetFullPath(settings.StateDir)} ({Path.GetFileName(decision.Path)} not found). Start the run without --resume."));
            case ResumeAction.ContinueFromStore:
                // Typing --resume is the confirmation: there is nothing new to approve, only the rest of a started run.
                await context.Error.WriteLineAsync($"Warning: {decision.Error} Continuing from the completion database with this command line; the checkpoint will be rewritten.").ConfigureAwait(false);
                return (settings with { Force = true }, ExitCodes.Success);
            case ResumeAction.Resume:
                return (Merge(o, parse, settings, decision.Checkpoint!), ExitCodes.Success);
            case ResumeAction.Damaged:
                return (null, CommandExit.Usage($"{decision.Error} Use --resume to continue from the completion database, or --force to start over (completed work is kept either way)."));
            case ResumeAction.Unfinished:
                var unfinished = decision.Checkpoint!;
                var where = $"an unfinished {mode} run from {unfinished.Started.ToLocalTime():yyyy-MM-dd HH:mm} ({unfinished.Completed} completed, {unfinished.Remaining} remaining)";
                if (!context.IsInteractive)
                {
                    return (null, CommandExit.Usage($"{where} exists. Add --resume to continue it, or --force to start over (completed topics are kept and skipped)."));
                }

                context.Out.WriteRaw($"Found {where}. [r]esume, [s]tart over, or [c]ancel? ");
                switch (context.ReadLine()?.Trim().ToLowerInvariant())
                {
                    case "r" or "resume":
                        return (Merge(o, parse, settings, unfinished), ExitCodes.Success);
                    case "s" or "start over":
                        return (settings, ExitCodes.Success);
                    default:
                        context.Out.WriteRawLine("Cancelled; nothing was done.");
                        return (null, ExitCodes.Success);
                }

            default:
                return (settings, ExitCodes.Success);
        }
    }

    /// <summary>The checkpoint's saved arguments bound as settings and merged with the flags typed now.</summary>
    private static RunSettings Merge(CliOptions o, ParseResult current, RunSettings settings, Checkpoint checkpoint)
    {
        var root = (RootCommand)current.RootCommandResult.Command;
        var savedArgs = checkpoint.Arguments.Where(a => a != "--resume").ToArray();
        var saved = root.Parse(savedArgs);
        if (saved.Errors.Count > 0 || saved.CommandResult.Command != root)
        {
            return settings;
        }

        var variant = RunBinder.VariantOf(o, saved).Variant ?? settings.Variant;
        return ResumePlanner.Merge(RunBinder.Bind(o, saved, variant, savedArgs), settings, flag => o.Run.Any(option => option.Name == flag && CliOptions.IsExplicit(current, option)));
    }
}
