namespace PromptOptimizer.Topics;

/// <summary>
/// A topic file's size and last-write time, taken before its bytes are read. Like git's index: while both still match
/// the stamp stored with a completed topic, the file holds the content that was hashed then, so a resume over a large
/// tree need not read, hash and parse every finished topic again.
/// </summary>
/// <param name="Length">The file size in bytes.</param>
/// <param name="ModifiedTicks">The last-write time in UTC ticks (100 ns).</param>
internal readonly record struct TopicFileStamp(long Length, long ModifiedTicks)
{
    /// <summary>
    /// How old a file's last write must be before its stamp is trusted. File systems keep times in coarse ticks (down
    /// to 1-2 s), so a same-size write landing in the tick of the read would leave the stamp unchanged.
    /// </summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    /// <summary>The stamp of a file as it is now (the link target's, for a link); null when it is not there.</summary>
    public static TopicFileStamp? Of(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Exists ? new TopicFileStamp(file.Length, file.LastWriteTimeUtc.Ticks) : null;
    }

    /// <summary>This stamp when the file's last write was at least <see cref="SettleTime"/> before <paramref name="now"/>, else null.</summary>
    public TopicFileStamp? SettledBy(DateTimeOffset now) => now.UtcTicks - ModifiedTicks >= SettleTime.Ticks ? this : null;
}
