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
return await CliApp.RunAsync(args, context).ConfigureAwait(false);
