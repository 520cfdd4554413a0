using System.Runtime.InteropServices;
using PromptOptimizer.Cli;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Scheduling;
using Spectre.Console;

using var interrupts = new InterruptSignals(TimeProvider.System);
interrupts.Signalled += count => Console.Error.WriteLine(count == 1
    ? "Interrupt: no new topics will start; in-flight topics may finish (Ctrl+C again to cancel them now)."
    : "Interrupt: cancelling in-flight topics; the checkpoint is still written.");

// Both Ctrl+C and SIGTERM mean "stop cleanly"; the process must not die before the checkpoint is written.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupts.Signal();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    interrupts.Signal();
});

var interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected;
var context = new CliContext(AnsiConsole.Console, Console.Error, Environment.GetEnvironmentVariable, interactive, TimeProvider.System)
{
    Interrupts = interrupts,
    ReadLine = Console.ReadLine,
};
try
{
    return await CliApp.RunAsync(args, context).ConfigureAwait(false);
}
catch (OperationCanceledException) when (interrupts.StopDispatch.IsCancellationRequested)
{
    // A stop that reached the top is still the clean stop it was asked for.
    return ExitCodes.Interrupted;
}
#pragma warning disable CA1031 // The top of the program: whatever arrives here is reported, never rethrown.
catch (Exception ex)
#pragma warning restore CA1031
{
    return await CrashReport.WriteAsync(ex, args, Environment.GetEnvironmentVariable, Console.Error, TimeProvider.System).ConfigureAwait(false);
}
