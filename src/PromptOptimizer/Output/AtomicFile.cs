using System.IO.Enumeration;

namespace PromptOptimizer.Output;

/// <summary>
/// Writes a file so that readers see the old content or the new, never a part: a temp file in the same directory,
/// then renamed over the target. This survives the process being killed at any moment. It does not force the data to
/// the disk (an fsync is a cost every topic pays, for a risk the planner covers): after a power loss a completed
/// topic's file may be missing or empty, and the next run's planner redoes such topics instead of trusting the row.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Temp files start with this; leftovers of a killed process are swept with <see cref="SweepTempFiles"/>.</summary>
    public const string TempPrefix = ".po-tmp-";

    public static Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, TempPrefix + Guid.NewGuid().ToString("N")[..12] + "-" + Path.GetFileName(path));
        try
        {
            // A few kilobytes written in one call: synchronously, since .NET's "asynchronous" file writes on Linux are
            // the same write moved to another pool thread. Sharing is open because the name is unique, which also
            // spares the advisory lock .NET otherwise takes on every open.
            using (var handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
                RandomAccess.Write(handle, content.Span, 0);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        return Task.CompletedTask;
    }

    /// <summary>Creates <paramref name="directory"/> and proves a file can be written there; returns why not, or null.</summary>
    public static string? ProbeWritable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".po-write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    /// <summary>Deletes temp files left in a directory tree by a killed process; returns how many.</summary>
    public static int SweepTempFiles(string root)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var count = 0;
        foreach (var file in Directory.EnumerateFiles(root, TempPrefix + "*", SearchOption.AllDirectories))
        {
            if (TryDelete(file))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The names of the finished files directly in <paramref name="directory"/>, in one pass (names only, no stat per
    /// file) that also deletes the temp files a killed process left there; empty when the directory does not exist.
    /// </summary>
    public static HashSet<string> ListFinished(string directory)
    {
        var finished = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            return finished;
        }

        var entries = new FileSystemEnumerable<string>(directory, (ref FileSystemEntry entry) => entry.FileName.ToString(), new EnumerationOptions { AttributesToSkip = 0 })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
        };
        foreach (var name in entries)
        {
            if (name.StartsWith(TempPrefix, StringComparison.Ordinal))
            {
                TryDelete(Path.Combine(directory, name));
            }
            else
            {
                finished.Add(name);
            }
        }

        return finished;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
