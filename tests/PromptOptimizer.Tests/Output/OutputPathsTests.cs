using PromptOptimizer.Output;
using PromptOptimizer.Tests.Tracking;

namespace PromptOptimizer.Tests.Output;

public sealed class OutputPathsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _outside;
    private readonly OutputPaths _paths;

    public OutputPathsTests()
    {
        _outside = _dir.File("outside");
        Directory.CreateDirectory(_outside);
        _paths = new OutputPaths(_dir.File("output"));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void EnsureNoLinks_NothingWrittenYet_Passes()
    {
        _paths.EnsureNoLinks(OutputFile("c1/t1.json"));

        Assert.False(Directory.Exists(_paths.Root));
    }

    [Fact]
    public void EnsureNoLinks_RealFoldersAndFile_Passes()
    {
        var file = OutputFile("c1/t1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "{}");

        _paths.EnsureNoLinks(file);
        _paths.EnsureNoLinks(file);

        Assert.True(File.Exists(file));
    }

    [Fact]
    public void EnsureNoLinks_FileIsLink_ThrowsNamingIt()
    {
        var file = OutputFile("c1/t1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.CreateSymbolicLink(file, Path.Combine(_outside, "secret.json"));
        File.WriteAllText(Path.Combine(_outside, "secret.json"), "{}");

        var error = Assert.Throws<IOException>(() => _paths.EnsureNoLinks(file));

        Assert.StartsWith(file + " is a symbolic link (to ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("writing through it would leave the output directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureNoLinks_CategoryFolderIsLink_ThrowsNamingTheFolder()
    {
        var folder = OutputFile("c1");
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        Directory.CreateSymbolicLink(folder, _outside);

        var error = Assert.Throws<IOException>(() => _paths.EnsureNoLinks(Path.Combine(folder, "t1.json")));

        Assert.StartsWith(folder + " is a symbolic link (to " + _outside + ")", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureNoLinks_DanglingLink_Throws()
    {
        var file = OutputFile("c1/t1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.CreateSymbolicLink(file, Path.Combine(_outside, "deleted.json"));

        Assert.Throws<IOException>(() => _paths.EnsureNoLinks(file));
    }

    [Fact]
    public void EnsureNoLinks_FileReplacedByLinkAfterItsFolderWasProven_StillThrows()
    {
        var file = OutputFile("c1/t1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        _paths.EnsureNoLinks(file);
        File.WriteAllText(file, "{}");
        _paths.EnsureNoLinks(file);

        File.Delete(file);
        File.CreateSymbolicLink(file, _outside);

        Assert.Throws<IOException>(() => _paths.EnsureNoLinks(file));
    }

    [Fact]
    public void EnsureNoLinks_FolderMissingAtFirstCheckThenPlantedAsLink_Throws()
    {
        var file = OutputFile("c1/t1.json");
        Directory.CreateDirectory(OutputFile(string.Empty));
        _paths.EnsureNoLinks(file);

        Directory.CreateSymbolicLink(Path.GetDirectoryName(file)!, _outside);

        Assert.Throws<IOException>(() => _paths.EnsureNoLinks(file));
        Assert.Throws<IOException>(() => _paths.EnsureNoLinks(OutputFile("c1/t2.json")));
    }

    [Fact]
    public void EnsureNoLinks_FolderSwappedForLinkAfterARun_RefusedByTheNextRun()
    {
        var file = OutputFile("c1/t1.json");
        var folder = Path.GetDirectoryName(file)!;
        Directory.CreateDirectory(folder);
        _paths.EnsureNoLinks(file);

        Directory.Delete(folder);
        Directory.CreateSymbolicLink(folder, _outside);

        // Proven folders are remembered for one run (one OutputPaths); a new run checks them again.
        Assert.Throws<IOException>(() => new OutputPaths(_paths.Root).EnsureNoLinks(file));
    }

    [Fact]
    public void EnsureNoLinks_ProductFolderIsLink_EveryCategoryRefused()
    {
        var product = OutputFile(string.Empty);
        Directory.CreateDirectory(_paths.Root);
        Directory.CreateDirectory(Path.Combine(_outside, "c1"));
        Directory.CreateSymbolicLink(product, _outside);

        Assert.Throws<IOException>(() => _paths.EnsureNoLinks(OutputFile("c1/t1.json")));
        Assert.Throws<IOException>(() => _paths.EnsureNoLinks(OutputFile("c2/t1.json")));
    }

    private string OutputFile(string topicPath) =>
        topicPath.Length == 0
            ? Path.Combine(_paths.Root, OutputKinds.NameOf(OutputKind.Flashcards))
            : _paths.For(OutputKind.Flashcards, topicPath);
}
