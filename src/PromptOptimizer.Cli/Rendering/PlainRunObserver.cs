using System.Globalization;
using PromptOptimizer.Scheduling;
using Spectre.Console;

namespace PromptOptimizer.Cli.Rendering;

/// <summary>The original tool's progress lines, for logs and pipes: <c>[08:19:28] Batch 1/38: Processing 100 topics... [15s elapsed]</c>.</summary>
internal sealed class PlainRunObserver(IAnsiConsole console, TimeProvider time) : IRunObserver
{
    public void OnBatchStarted(int batch, int totalBatches, int topics, TimeSpan elapsed) =>
        Line($"Batch {batch}/{totalBatches}: Processing {topics} topics... [{elapsed.TotalSeconds:0}s elapsed]");

    public void OnBatchCompleted(int batch, int succeeded, int failed) =>
        Line($"  Batch {batch} complete: {succeeded} succeeded, {failed} failed");

    public void OnWaiting(TimeSpan delay, string reason) =>
        Line($"  Waiting {delay.TotalSeconds:0.0}s {reason}...");

    public void OnCooldown(string provider, DateTimeOffset until, string reason) =>
        Line($"  {provider} {reason}: pausing its calls for {Math.Max(0, (until - time.GetUtcNow()).TotalSeconds):0.0}s");

    public void OnTopicFinished(TopicOutcome outcome, RunProgress progress)
    {
        if (outcome.Status == OutcomeStatus.Failed)
        {
            Line($"  FAILED {outcome.TopicPath}: {outcome.Message}");
        }
    }

    public void OnProviderBatches(RunProgress progress) => Line("  " + Batches(progress));

    /// <summary>The provider batches of a <c>--batch-api</c> run in words; empty without them.</summary>
    internal static string Batches(RunProgress progress) => progress.Batches is not { } b ? "" : string.Create(CultureInfo.InvariantCulture,
        $"Provider batches: {b.Submitted} submitted, {b.InProgress} running ({b.RequestsInBatches} requests), {b.Done} done, {b.RequestsWaiting} requests waiting to be batched");

    public void OnStopping(StopReason reason, string message) => Line($"Stopping: {message}");

    private void Line(string text) =>
        console.WriteRawLine(string.Create(CultureInfo.InvariantCulture, $"[{time.GetLocalNow():HH:mm:ss}] {text}"));
}
