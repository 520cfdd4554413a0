using System.Globalization;
using PromptOptimizer.Scheduling;
using Spectre.Console;

namespace PromptOptimizer.Cli.Rendering;

/// <summary>
/// The terminal display: one overall bar with completed, failed and in flight, the batch, pace, ETA, cost so far and
/// projected, provider batches with <c>--batch-api</c>, and provider cooldowns shown as waiting. Failures still print as lines above the bar.
/// </summary>
internal sealed class LiveRunObserver(IAnsiConsole console) : IRunObserver
{
    private ProgressTask? _task;
    private string _batch = "";
    private string _waiting = "";

    /// <summary>Runs the display around <paramref name="run"/>; the task's value is the run's result.</summary>
    public async Task<T> ShowAsync<T>(int total, Func<Task<T>> run)
    {
        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                _task = context.AddTask("starting", maxValue: Math.Max(1, total));
                result = await run().ConfigureAwait(false);
                _task.StopTask();
            }).ConfigureAwait(false);
        return result;
    }

    public void OnBatchStarted(int batch, int totalBatches, int topics, TimeSpan elapsed)
    {
        _batch = $"batch {batch}/{totalBatches}";
        _waiting = "";
    }

    public void OnBatchCompleted(int batch, int succeeded, int failed)
    {
    }

    public void OnWaiting(TimeSpan delay, string reason) => _waiting = $" [yellow]waiting {delay.TotalSeconds:0.0}s[/]";

    public void OnCooldown(string provider, DateTimeOffset until, string reason) =>
        _waiting = $" [yellow]{Markup.Escape(provider)} cooldown until {until.ToLocalTime():HH:mm:ss} ({Markup.Escape(reason)})[/]";

    public void OnTopicFinished(TopicOutcome outcome, RunProgress progress)
    {
        if (outcome.Status == OutcomeStatus.Failed)
        {
            console.MarkupLine($"[red]FAILED[/] {Markup.Escape(outcome.TopicPath)}: {Markup.Escape(outcome.Message ?? "")}");
        }

        OnProviderBatches(progress);
        if (_waiting.Length > 0 && !_waiting.Contains("cooldown", StringComparison.Ordinal))
        {
            _waiting = "";
        }
    }

    public void OnProviderBatches(RunProgress progress)
    {
        if (_task is null)
        {
            return;
        }

        _task.Value = progress.Finished;
        var eta = progress.Eta is { } e ? $"ETA {e:hh\\:mm\\:ss}" : "ETA --";
        var batches = progress.Batches is null ? "" : " | " + Markup.Escape(PlainRunObserver.Batches(progress));
        _task.Description = string.Create(CultureInfo.InvariantCulture,
            $"[green]{progress.Completed}[/] done [red]{progress.Failed}[/] failed {progress.InFlight} in flight | {_batch} | {progress.TopicsPerMinute:0}/min {eta} | ${progress.CostUsd:0.0000} (→ ${progress.ProjectedCostUsd:0.00}){batches}{_waiting}");
    }

    public void OnStopping(StopReason reason, string message) => console.MarkupLine($"[yellow]Stopping:[/] {Markup.Escape(message)}");

    /// <summary>For tests: the current description line.</summary>
    internal string Description => _task?.Description ?? "";
}
