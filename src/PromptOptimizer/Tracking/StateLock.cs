using System.Diagnostics;
using System.Globalization;
using System.Text;
using PromptOptimizer.Output;

namespace PromptOptimizer.Tracking;

/// <summary>
/// One run per variant and state directory. The lock is the open file <c>.&lt;short&gt;.lock</c> itself: on Linux
/// .NET takes an advisory <c>flock</c> for <see cref="FileShare.None"/>, which the kernel drops when the process
/// dies, even by SIGKILL, so a crashed run never leaves a stale lock behind.
/// </summary>
internal sealed class StateLock : IDisposable
{
    private readonly FileStream _stream;

    private StateLock(FileStream stream, string path, RunVariant variant)
    {
        _stream = stream;
        Path = path;
        Variant = variant;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    public RunVariant Variant { get; }

    /// <summary>
    /// The lock file of a variant inside the state directory. It is per product, not per variant: direct-Exa and
    /// web-plugin flashcards write the same files and rows, so two such runs at once would pay twice for a topic.
    /// </summary>
    public static string PathFor(string stateDir, RunVariant variant)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDir);
        return System.IO.Path.Combine(stateDir, $".{OutputKinds.NameOf(RunVariants.ProductOf(variant))}.lock");
    }

    /// <summary>
    /// Takes the lock, or returns null when another run holds it; <paramref name="holderInfo"/> then describes the
    /// holder (pid and start time) when that is known.
    /// </summary>
    public static StateLock? TryAcquire(string stateDir, RunVariant variant, out string? holderInfo)
    {
        var path = PathFor(stateDir, variant);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            holderInfo = ReadHolder(path);
            return null;
        }

        var info = DescribeSelf();
        try
        {
            var bytes = Encoding.UTF8.GetBytes(info + "\n");
            stream.SetLength(0);
            stream.Write(bytes);
            stream.Flush();

            // The lock file cannot be read by another .NET process while held (it would need a shared flock),
            // so the description is mirrored in a side file that carries no lock.
            File.WriteAllText(OwnerPathFor(path), info + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The lock is held; failing to describe it only makes another run's message less helpful.
        }

        holderInfo = null;
        return new StateLock(stream, path, variant);
    }

    /// <summary>Releases the lock. The file stays: deleting it would let two runs lock two different files.</summary>
    public void Dispose() => _stream.Dispose();

    private static string OwnerPathFor(string lockPath) => lockPath + ".owner";

    private static string DescribeSelf()
    {
        var who = $"pid {Environment.ProcessId} on {Environment.MachineName}";
        try
        {
            using var process = Process.GetCurrentProcess();
            return who + ", started " + process.StartTime.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            return who;
        }
    }

    private static string? ReadHolder(string lockPath)
    {
        try
        {
            var text = File.ReadAllText(OwnerPathFor(lockPath)).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
