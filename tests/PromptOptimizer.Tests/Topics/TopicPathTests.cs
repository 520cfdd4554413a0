using PromptOptimizer.Topics;

namespace PromptOptimizer.Tests.Topics;

public sealed class TopicPathTests
{
    [Theory]
    [InlineData("../x.json")]
    [InlineData("cat/../x.json")]
    [InlineData("cat/./x.json")]
    [InlineData("./x.json")]
    [InlineData("/etc/x.json")]
    [InlineData("cat\\x.json")]
    [InlineData("..\\cat\\x.json")]
    [InlineData("x.json")]
    [InlineData("a/b/x.json")]
    [InlineData("cat//x.json")]
    [InlineData("cat/x.txt")]
    [InlineData("")]
    [InlineData("  ")]
    public void Check_UnsafeOrMalformed_Refused(string path)
    {
        Assert.NotNull(TopicPath.Check(path));
    }

    [Fact]
    public void Check_CategoryAndFile_Accepted()
    {
        Assert.Null(TopicPath.Check("001_cybersecurity/sql_injection.json"));
    }

    [Fact]
    public void FromUserPath_RelativeAbsoluteAndOutside_ResolvedOrRefused()
    {
        using var dir = new TopicsDirectory();
        var full = dir.Write("cat/topic.json", "{}");
        var outside = Path.Combine(dir.Outside, "other.json");
        File.WriteAllText(outside, "{}");

        Assert.Equal("cat/topic.json", TopicPath.FromUserPath(dir.Root, "cat/topic.json"));
        Assert.Equal("cat/topic.json", TopicPath.FromUserPath(dir.Root, "cat\\topic.json"));
        Assert.Equal("cat/topic.json", TopicPath.FromUserPath(dir.Root, full));
        Assert.Equal("cat/topic.json", TopicPath.FromUserPath(dir.Root, Path.GetRelativePath(Environment.CurrentDirectory, full)));
        Assert.Null(TopicPath.FromUserPath(dir.Root, outside));
        Assert.Null(TopicPath.FromUserPath(dir.Root, "../outside/other.json"));
        Assert.Null(TopicPath.FromUserPath(dir.Root, dir.Base));
    }
}
