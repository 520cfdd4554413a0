using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Scheduling;
using Spectre.Console;

namespace PromptOptimizer.Cli;

/// <summary>Everything a command touches outside itself, so tests can run the real CLI in process.</summary>
/// <param name="Out">Standard output (Spectre console: plain text when redirected).</param>
/// <param name="Error">Standard error.</param>
/// <param name="Environment">Reads an environment variable.</param>
/// <param name="IsInteractive">True when a person can answer questions (stdin and stdout are terminals).</param>
internal sealed record CliContext(
    IAnsiConsole Out,
    TextWriter Error,
    Func<string, string?> Environment,
    bool IsInteractive,
    TimeProvider Time)
{
    /// <summary>Signals (Ctrl+C, SIGTERM) as a two-stage token pair; null means the caller handles none.</summary>
    public InterruptSignals? Interrupts { get; init; }

    /// <summary>Reads a line of input for questions; null when none is available.</summary>
    public Func<string?> ReadLine { get; init; } = () => null;

    /// <summary>The two-stage interrupt tokens with the grace period between them set; without <see cref="Interrupts"/>, <paramref name="stop"/> and none.</summary>
    public (CancellationToken StopDispatch, CancellationToken Abort) InterruptsWithGrace(double graceSeconds, CancellationToken stop = default)
    {
        Interrupts?.SetGrace(TimeSpan.FromSeconds(graceSeconds));
        return (Interrupts?.StopDispatch ?? stop, Interrupts?.Abort ?? CancellationToken.None);
    }

    /// <summary>Asks a yes/no question; anything but "y" or "yes" is no.</summary>
    public bool Confirm(string question)
    {
        Out.WriteRaw(question + " [y/N] ");
        return ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
    }
}
