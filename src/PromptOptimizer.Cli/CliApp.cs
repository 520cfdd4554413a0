using System.CommandLine;
using PromptOptimizer.Cli.Commands;

namespace PromptOptimizer.Cli;

/// <summary>Builds the command tree and runs one command line; the one place where usage errors become exit code 2.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var result = BuildRoot(context, args).Parse(args);
        if (result.Errors.Count > 0)
        {
            return await ExitAsync(context, SyntaxErrors(result)).ConfigureAwait(false);
        }

        return await result.InvokeAsync(new InvocationConfiguration
        {
            Output = context.Out.Profile.Out.Writer,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The whole command tree (also what docs/cli.md is generated from).</summary>
    public static RootCommand BuildRoot(CliContext context, string[]? args = null)
    {
        var options = new CliOptions();
        var root = new RootCommand("prompt-optimizer: researched, cited flashcards and optimized system prompts from topic files, in resumable batches.");
        foreach (var option in options.Run)
        {
            root.Options.Add(option);
        }

        root.Handle(context, (parse, token) => RunCommand.ExecuteAsync(context, options, parse, args ?? [], token));
        foreach (var command in new[]
        {
            SimulateCommand.Create(context, options), CompletionStatusCommand.Create(context, options), CompletionFailedCommand.Create(context, options),
            CompletionResetCommand.Create(context, options), CompletionClearCommand.Create(context, options), InspectCommand.Create(context, options),
            ExportCommand.Create(context, options), QualityReportCommand.Create(context, options), EnqueueCommand.Create(context, options),
            WorkCommand.Create(context, options), MaterializeCommand.Create(context, options), ServeCommand.Create(context, options),
            IndexCommand.Create(context, options),
        })
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Runs <paramref name="action"/> for the command and reports its usage errors in the one format.</summary>
    public static void Handle(this Command command, CliContext context, Func<ParseResult, CancellationToken, Task<CommandExit>> action) =>
        command.SetAction(async (parse, token) => await ExitAsync(context, await action(parse, token).ConfigureAwait(false)).ConfigureAwait(false));

    /// <summary>The parser's errors, reported with a pointer to <c>--help</c>.</summary>
    public static CommandExit SyntaxErrors(ParseResult result) => new(ExitCodes.Usage, result.Errors.Select(e => e.Message).ToList(), ShowHelp: true);

    private static async Task<int> ExitAsync(CliContext context, CommandExit exit)
    {
        foreach (var error in exit.Errors ?? [])
        {
            await context.Error.WriteLineAsync("Error: " + error).ConfigureAwait(false);
        }

        if (exit.ShowHelp)
        {
            await context.Error.WriteLineAsync("Run 'prompt-optimizer --help' for usage.").ConfigureAwait(false);
        }

        return exit.Errors is { Count: > 0 } ? ExitCodes.Usage : exit.Code;
    }
}
