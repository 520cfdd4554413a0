using System.CommandLine;
using PromptOptimizer.Review;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>serve</c>: the review page (runs, cards, failures) on 127.0.0.1 until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context, CliOptions o)
    {
        var command = new Command("serve", "Open the review page: watch runs, review cards with the keyboard, retry failures (until Ctrl+C).")
        {
            o.StateDir, o.Store, o.OutputDir, o.TopicsDir, o.Port, o.Host,
        };
        command.Handle(context, async (parse, token) =>
        {
            ReviewOptions options;
            try
            {
                options = new ReviewOptions(parse.GetValue(o.OutputDir)!, parse.GetValue(o.StateDir)!, parse.GetValue(o.TopicsDir)!, parse.GetValue(o.Host)!, parse.GetValue(o.Port) ?? 0);
            }
            catch (ArgumentException ex)
            {
                return CommandExit.Usage(ex.Message.Split(" (Parameter", 2)[0]);
            }

            context.Interrupts?.Quiet();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.Interrupts?.StopDispatch ?? token, token);
            return await StoreAccess.WithStoreAsync(context, parse.GetValue(o.Store), options.StateDir, async store =>
            {
                await ReviewHost.RunAsync(options, store, context.Time, context.Out.Profile.Out.Writer, context.Error, linked.Token).ConfigureAwait(false);
                return ExitCodes.Success;
            }, token).ConfigureAwait(false);
        });
        return command;
    }
}
