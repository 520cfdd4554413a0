using System.CommandLine;
using PromptOptimizer.Cli.Commands;
using PromptOptimizer.Cli.Configuration;

namespace PromptOptimizer.Cli;

/// <summary>Builds the command tree and runs one command line. Parse errors exit 2 with a message.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot(context, args);
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                await context.Error.WriteLineAsync("Error: " + error.Message).ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync("Run 'prompt-optimizer --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var exit = await result.InvokeAsync(new InvocationConfiguration
        {
            Output = new ConsoleBridge(context.Out),
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        }, cancellationToken).ConfigureAwait(false);
        return exit;
    }

    /// <summary>The whole command tree (also what docs/cli.md is generated from).</summary>
    public static RootCommand BuildRoot(CliContext context, string[]? args = null)
    {
        var run = new RunOptionSet();
        var root = new RootCommand("prompt-optimizer: researched, cited flashcards and optimized system prompts from topic files, in resumable batches.");
        foreach (var option in run.All)
        {
            root.Options.Add(option);
        }

        root.SetAction((parse, token) => RootActionAsync(run, parse, args ?? [], context, token));
        root.Subcommands.Add(SimulateCommand.Create(context));
        foreach (var command in StatusCommands.Create(context).Concat(ExportCommands.Create(context)).Concat(WorkerCommands.Create(context)))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static RootCommand RootOf(ParseResult parse) => (RootCommand)parse.RootCommandResult.Command;

    private static async Task<int> RootActionAsync(RunOptionSet run, ParseResult parse, string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var (variant, modeError) = run.VariantOf(parse);
        if (modeError is not null)
        {
            await context.Error.WriteLineAsync("Error: " + modeError).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var (extra, configError) = ConfigLayer.Resolve(RootOf(parse), run.All, parse, parse.GetValue(run.Config), context.Environment, out var configPrices);
        if (configError is not null)
        {
            await context.Error.WriteLineAsync("Error: " + configError).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (extra.Count > 0)
        {
            args = [.. args, .. extra];
            parse = RootOf(parse).Parse(args);
            if (parse.Errors.Count > 0)
            {
                await context.Error.WriteLineAsync("Error: " + parse.Errors[0].Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
        }

        var stateDir = parse.GetValue(run.StateDir) ?? "state";
        if (parse.GetValue(run.CheckpointStatus))
        {
            return await CheckpointStatusCommand.ShowAsync(context, stateDir, variant, parse.GetValue(run.Json), cancellationToken).ConfigureAwait(false);
        }

        if (variant is not { } selected)
        {
            await context.Error.WriteLineAsync("Error: choose a mode: --flashcards [--use-web-plugin], --prompts or --unified (see --help).").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var settings = run.Bind(parse, selected, args) with { ConfigPrices = configPrices };
        if (RunOptionSet.Validate(settings) is { } invalid)
        {
            await context.Error.WriteLineAsync("Error: " + invalid).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var resolved = await CheckpointGate.ResolveAsync(context, run, parse, settings, cancellationToken).ConfigureAwait(false);
        if (resolved.Exit is { } exit)
        {
            return exit;
        }

        return await new RunCommand(context).ExecuteAsync(resolved.Settings!, cancellationToken).ConfigureAwait(false);
    }
}
