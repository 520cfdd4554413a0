using System.Text.Json;
using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// Writes the results stored on the shared queue as ordinary output files (atomically), so that export and the
/// next run find them where a local run would have put them.
/// </summary>
internal static class ResultMaterializer
{
    /// <summary>Writes every completed result of <paramref name="mode"/> (null: all); returns how many, and the ones skipped as unusable.</summary>
    public static async Task<(int Written, IReadOnlyList<MaterializedResult> Skipped)> WriteAsync(
        IWorkQueue queue, OutputPaths paths, OutputKind? mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(paths);
        var written = 0;
        var skipped = new List<MaterializedResult>();
        await foreach (var result in queue.GetResultsAsync(mode, cancellationToken).ConfigureAwait(false))
        {
            if (TopicLoader.CheckRelativePath(result.TopicPath) is not null || Reserialize(result) is not { } bytes)
            {
                skipped.Add(result);
                continue;
            }

            await AtomicFile.WriteAsync(paths.For(result.Mode, result.TopicPath), bytes, cancellationToken).ConfigureAwait(false);
            written++;
        }

        return (written, skipped);
    }

    /// <summary>The stored document in the usual file form (jsonb keeps neither key order nor spacing); null when it does not parse.</summary>
    private static byte[]? Reserialize(MaterializedResult result)
    {
        try
        {
            var json = OutputJsonContext.Default;
            return result.Mode switch
            {
                OutputKind.Flashcards => JsonSerializer.Deserialize(result.ResultJson, json.FlashcardDocument) is { } f ? JsonSerializer.SerializeToUtf8Bytes(f, json.FlashcardDocument) : null,
                OutputKind.Prompts => JsonSerializer.Deserialize(result.ResultJson, json.PromptDocument) is { } p ? JsonSerializer.SerializeToUtf8Bytes(p, json.PromptDocument) : null,
                OutputKind.Unified => JsonSerializer.Deserialize(result.ResultJson, json.UnifiedDocument) is { } u ? JsonSerializer.SerializeToUtf8Bytes(u, json.UnifiedDocument) : null,
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
