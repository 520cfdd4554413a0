using System.Text.Json;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary><c>inspect --json</c>.</summary>
internal sealed record InspectReport(string Topic, IReadOnlyList<InspectRecord> Records, IReadOnlyList<InspectAttempt> Attempts)
{
    /// <summary>The topic's tracking rows (with the sources of each mode's output file) and every recorded call, in <paramref name="mode"/> or all modes.</summary>
    public static async Task<InspectReport> BuildAsync(ICompletionStore store, OutputPaths paths, OutputKind? mode, string topicPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(paths);
        var records = await store.QueryAsync(new TopicQuery(mode, TopicPath: topicPath), cancellationToken).ConfigureAwait(false);
        var attempts = await store.GetAttemptsAsync(mode, topicPath, cancellationToken).ConfigureAwait(false);
        return new InspectReport(topicPath,
            records.Select(r => new InspectRecord(OutputKinds.NameOf(r.Mode), TrackingText.Of(r.Status), r.Attempts, r.ErrorKind, r.LastError,
                r.OutputPath, r.CostUsd, r.PromptTokens, r.CompletionTokens, r.DurationMs, SourcesOf(paths.For(r.Mode, topicPath), r.Mode))).ToList(),
            attempts.Select(a => new InspectAttempt(OutputKinds.NameOf(a.Mode), a.Stage, a.StatusCode, a.Error, a.PromptTokens, a.CompletionTokens, a.CostUsd, a.LatencyMs,
                a.At, a.Request, a.RawAnswer)).ToList());
    }

    private static IReadOnlyList<SourceDocument> SourcesOf(string file, OutputKind kind)
    {
        if (!OutputInspector.TryRead(file, kind, out _, out var json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("sources", out var sources)
            ? sources.Deserialize(OutputJsonContext.Default.IReadOnlyListSourceDocument) ?? []
            : [];
    }
}
