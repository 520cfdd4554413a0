using PromptOptimizer.Topics;

namespace PromptOptimizer.Tests.Topics;

public sealed partial class TopicLoaderTests
{
    [Theory]
    [InlineData("../outside/secret.json")]
    [InlineData("/etc/passwd.json")]
    [InlineData("cat\\x.json")]
    public void Load_PathEscapingRoot_InvalidWithoutReading(string path)
    {
        using var dir = new TopicsDirectory();
        File.WriteAllText(Path.Combine(dir.Outside, "secret.json"), "{\"title\":\"secret\"}");
        var loader = new TopicLoader(dir.Root);

        var result = loader.Load(path);

        Assert.False(result.IsValid);
        Assert.Equal(path, result.Path);
        Assert.Contains("topic path must be", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_Invalid()
    {
        using var dir = new TopicsDirectory();

        var result = new TopicLoader(dir.Root).Load("cat/nothing.json");

        Assert.False(result.IsValid);
        Assert.Equal("file not found", result.Error);
    }

    [Fact]
    public void EnumerateCategories_MissingDirectory_Throws()
    {
        using var dir = new TopicsDirectory();
        var loader = new TopicLoader(Path.Combine(dir.Root, "nope"));

        Assert.Throws<DirectoryNotFoundException>(() => loader.LoadAll().ToList());
    }
}
