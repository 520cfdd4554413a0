using PromptOptimizer.LocalSources;

namespace PromptOptimizer.Tests.LocalSources;

public sealed class LibraryIndexerTests : IDisposable
{
    private readonly LibraryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task UpdateAsync_NothingChanged_ReadsNoFile()
    {
        _folder.Write("a.md", "# Alpha\n\nFirst note about alpha particles.");
        _folder.Write("b.txt", "Plain note about beta decay.");
        _folder.Write("c.pdf", SampleLibrary.WritePdf(["Gamma rays page one.", "Gamma rays page two."]));
        var first = await UpdateAsync();

        var second = await UpdateAsync();

        Assert.Equal((3, 3, 3), (first.Files, first.Read, first.Parsed));
        Assert.Equal((3, 3, 0, 0), (second.Files, second.Unchanged, second.Read, second.Parsed));
        Assert.Equal(first.Passages, second.Passages);
    }

    [Fact]
    public async Task UpdateAsync_OneFileChanged_OnlyItIsReadAndItsPassagesReplaced()
    {
        _folder.Write("a.md", "# Alpha\n\nFirst note about alpha particles.");
        var b = _folder.Write("b.md", "# Beta\n\nNote about beta decay.");
        _folder.Write("c.pdf", SampleLibrary.WritePdf(["Gamma rays page one."]));
        await UpdateAsync();

        File.WriteAllText(b, "# Beta\n\nNote about beta decay and neutrinos, rewritten.");
        File.SetLastWriteTimeUtc(b, DateTime.UtcNow.AddMinutes(1));
        var report = await UpdateAsync();
        var index = await LocalIndex.OpenAsync(LocalIndex.PathFor(_folder.State, _folder.Library), CancellationToken.None);

        Assert.Equal((2, 1, 1), (report.Unchanged, report.Read, report.Parsed));
        Assert.Contains(index.Search("neutrinos", 5), hit => hit.Passage.Citation == "b.md#beta");
        Assert.DoesNotContain(index.Search("alpha beta gamma", 10), hit => hit.Passage.Text.Contains("Note about beta decay.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateAsync_FileTouchedButUnchanged_IsHashedNotParsed()
    {
        var a = _folder.Write("a.md", "# Alpha\n\nFirst note about alpha particles.");
        await UpdateAsync();
        File.SetLastWriteTimeUtc(a, DateTime.UtcNow.AddMinutes(1));

        var report = await UpdateAsync();

        Assert.Equal((0, 1, 0), (report.Unchanged, report.Read, report.Parsed));
    }

    [Fact]
    public async Task UpdateAsync_FileRemoved_LeavesTheIndex()
    {
        _folder.Write("a.md", "# Alpha\n\nFirst note about alpha particles.");
        var b = _folder.Write("b.md", "# Beta\n\nNote about beta decay.");
        await UpdateAsync();
        File.Delete(b);

        var report = await UpdateAsync();
        var index = await LocalIndex.OpenAsync(LocalIndex.PathFor(_folder.State, _folder.Library), CancellationToken.None);

        Assert.Equal(1, report.Removed);
        Assert.Empty(index.Search("beta decay", 5));
        Assert.NotEmpty(index.Search("alpha", 5));
    }

    [Fact]
    public async Task UpdateAsync_BadFiles_EachSkippedWithOneWarningAndTheRestIndexed()
    {
        _folder.Write("good.md", "# Good\n\nA good note about hashing.");
        _folder.Write("encrypted.pdf", LibraryFolder.EncryptedPdf());
        _folder.Write("broken.pdf", "%PDF-1.7\nthis is not a PDF body at all"u8.ToArray());
        _folder.Write("binary.md", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A]);
        _folder.Write("latin1.txt", [0x63, 0x61, 0x66, 0xE9, 0x20, 0x6E, 0x6F, 0x69, 0x72]);
        _folder.Write("empty.md", []);
        _folder.Write("huge.txt", new string('x', 5000));
        var outside = Path.Combine(_folder.Root, "outside.md");
        File.WriteAllText(outside, "# Outside\n\nNot part of the library.");
        File.CreateSymbolicLink(Path.Combine(_folder.Library, "link.md"), outside);

        var report = await UpdateAsync(new LocalSourceOptions(maxFileBytes: 4096));

        var reasons = report.Warnings.ToDictionary(w => w.File, w => w.Reason);
        Assert.Equal(["binary.md", "broken.pdf", "empty.md", "encrypted.pdf", "huge.txt", "latin1.txt", "link.md"], reasons.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("binary content in a text file", reasons["binary.md"]);
        Assert.StartsWith("broken PDF", reasons["broken.pdf"], StringComparison.Ordinal);
        Assert.Equal("file is empty", reasons["empty.md"]);
        Assert.StartsWith("encrypted PDF", reasons["encrypted.pdf"], StringComparison.Ordinal);
        Assert.Contains("larger than the 4096 byte limit", reasons["huge.txt"], StringComparison.Ordinal);
        Assert.Equal("not UTF-8 text", reasons["latin1.txt"]);
        Assert.Equal("symbolic link points outside the library folder", reasons["link.md"]);
        Assert.Equal(1, report.Passages);
    }

    [SkippableFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task UpdateAsync_UnreadableFile_SkippedWithAWarningAndTriedAgainNextTime()
    {
        Skip.If(!OperatingSystem.IsLinux() || Environment.IsPrivilegedProcess, "root reads any file; permissions cannot refuse it");
        _folder.Write("good.md", "# Good\n\nA good note.");
        var locked = _folder.Write("locked.md", "# Locked\n\nA note nobody may read.");
        File.SetUnixFileMode(locked, UnixFileMode.None);

        var first = await UpdateAsync();
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var second = await UpdateAsync();

        Assert.Equal("cannot read it: permission denied", Assert.Single(first.Warnings).Reason);
        Assert.Empty(second.Warnings);
        Assert.Equal(2, second.Passages);
    }

    [Fact]
    public async Task UpdateAsync_SkippedFileUnchanged_WarnsAgainWithoutReadingIt()
    {
        _folder.Write("binary.md", [0x00, 0x01]);
        await UpdateAsync();

        var report = await UpdateAsync();

        Assert.Equal((1, 0), (report.Unchanged, report.Read));
        Assert.Equal("binary content in a text file", Assert.Single(report.Warnings).Reason);
    }

    private async Task<IndexReport> UpdateAsync(LocalSourceOptions? options = null)
    {
        var index = await LocalIndex.OpenAsync(LocalIndex.PathFor(_folder.State, _folder.Library), CancellationToken.None);
        return await new LibraryIndexer(index, options ?? new LocalSourceOptions()).UpdateAsync(_folder.Library, CancellationToken.None);
    }
}
