using PromptOptimizer.Topics;

namespace PromptOptimizer.Tests.Topics;

public sealed class TopicLinkCheckTests
{
    [Fact]
    public void Check_PlainFileAndLinkToAFileInside_Accepted()
    {
        using var dir = new TopicsDirectory();
        var plain = dir.Write("cat/plain.json", "{}");
        var link = Path.Combine(dir.Root, "cat", "link.json");
        File.CreateSymbolicLink(link, plain);
        var check = new TopicLinkCheck(dir.Root);

        Assert.Null(check.Check(new FileInfo(plain)));
        Assert.Null(check.Check(new FileInfo(link)));
    }

    [Fact]
    public void Check_FileLinkOutsideOrCategoryLinkOutside_Refused()
    {
        using var dir = new TopicsDirectory();
        var secret = Path.Combine(dir.Outside, "secret.json");
        File.WriteAllText(secret, "{}");
        var fileLink = Path.Combine(dir.Root, "cat", "out.json");
        Directory.CreateDirectory(Path.GetDirectoryName(fileLink)!);
        File.CreateSymbolicLink(fileLink, secret);
        Directory.CreateSymbolicLink(Path.Combine(dir.Root, "linked"), dir.Outside);
        var check = new TopicLinkCheck(dir.Root);

        Assert.Equal("symbolic link points outside the topics directory", check.Check(new FileInfo(fileLink)));
        Assert.Equal("symbolic link points outside the topics directory", check.Check(new FileInfo(Path.Combine(dir.Root, "linked", "secret.json"))));
    }

    [Fact]
    public void Check_TopicsDirectoryItselfReachedThroughALink_FilesInsideAccepted()
    {
        using var dir = new TopicsDirectory();
        var file = dir.Write("cat/t.json", "{}");
        var alias = Path.Combine(dir.Base, "alias");
        Directory.CreateSymbolicLink(alias, dir.Root);

        Assert.Null(new TopicLinkCheck(alias).Check(new FileInfo(Path.Combine(alias, "cat", "t.json"))));
        Assert.True(File.Exists(file));
    }
}
