namespace PromptOptimizer.Bench;

/// <summary>What one CLI process did and cost.</summary>
/// <param name="StartedAt">Wall clock just before the process was started.</param>
/// <param name="CpuSeconds">User + system CPU of the CLI process alone.</param>
/// <param name="PeakRssMb">Peak resident set size of the CLI process.</param>
/// <param name="Source">How CPU and RSS were measured (<c>gnu-time</c> or <c>proc-poll</c>).</param>
internal sealed record ProcessMeasurement(
    int ExitCode,
    DateTimeOffset StartedAt,
    TimeSpan Wall,
    double CpuSeconds,
    double PeakRssMb,
    string Stdout,
    string Stderr,
    string Source)
{
    public string AllText => Stdout + "\n" + Stderr;
}
