using PromptOptimizer.Output;
using PromptOptimizer.Tests.Tracking;

namespace PromptOptimizer.Tests.Output;

public sealed class AtomicFileTests
{
    [Fact]
    public async Task ListFinished_FolderWithLeftoverTempFiles_ListsFinishedFilesAndDeletesTheTempOnes()
    {
        using var dir = new TempDirectory();
        await AtomicFile.WriteAsync(dir.File("a.json"), "{}"u8.ToArray(), default);
        await File.WriteAllTextAsync(dir.File("b.json"), "");
        await File.WriteAllTextAsync(dir.File(AtomicFile.TempPrefix + "0123456789ab-c.json"), "{\"half");
        Directory.CreateDirectory(dir.File("sub"));

        var finished = AtomicFile.ListFinished(dir.Path);

        Assert.Equal(["a.json", "b.json"], finished.Order(StringComparer.Ordinal));
        Assert.Equal(["a.json", "b.json"], Directory.EnumerateFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ListFinished_MissingFolder_Empty()
    {
        using var dir = new TempDirectory();

        Assert.Empty(AtomicFile.ListFinished(dir.File("none")));
    }
}
