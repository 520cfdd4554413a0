using System.Text.Json;
using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>Reads and atomically writes checkpoint files.</summary>
internal static class CheckpointFile
{
    /// <summary>
    /// The checkpoint path of a variant inside the state directory; research from local sources is a mode of its own
    /// (<c>batch_checkpoint_local.json</c>, ...), so resuming one never continues the other.
    /// </summary>
    public static string PathFor(string stateDir, RunVariant variant, bool localSources = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDir);
        var name = RunVariants.CheckpointFileName(variant);
        return Path.Combine(stateDir, localSources ? name.Replace(".json", "_local.json", StringComparison.Ordinal) : name);
    }

    /// <summary>
    /// Writes to a temporary file in the same directory, flushes it to disk, then renames it over the target:
    /// a crash leaves either the old checkpoint or the new one, never half of one.
    /// </summary>
    public static async Task WriteAsync(string path, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, checkpoint, CheckpointJsonContext.Default.Checkpoint, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Never throws for a bad or unreadable file: the caller decides what a corrupt checkpoint means.</summary>
    public static async Task<CheckpointReadResult> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            return CheckpointReadResult.Missing;
        }

        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                var checkpoint = await JsonSerializer.DeserializeAsync(stream, CheckpointJsonContext.Default.Checkpoint, cancellationToken).ConfigureAwait(false);
                return checkpoint is null
                    ? CheckpointReadResult.Corrupt($"Checkpoint file '{path}' is corrupt: it holds JSON null instead of a checkpoint.")
                    : CheckpointReadResult.Ok(checkpoint);
            }
        }
        catch (FileNotFoundException)
        {
            return CheckpointReadResult.Missing;
        }
        catch (JsonException ex)
        {
            return CheckpointReadResult.Corrupt($"Checkpoint file '{path}' is corrupt: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return CheckpointReadResult.Corrupt($"Checkpoint file '{path}' could not be read: {ex.Message}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temporary file is harmless, the original error matters more.
        }
    }
}
