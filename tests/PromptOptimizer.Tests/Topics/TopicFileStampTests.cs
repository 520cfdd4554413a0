using PromptOptimizer.Topics;

namespace PromptOptimizer.Tests.Topics;

public sealed class TopicFileStampTests
{
    private static readonly DateTimeOffset Written = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Load_TopicFile_CarriesTheStampTakenFromTheFile()
    {
        using var dir = new TopicsDirectory();
        var full = dir.Write("cat/a.json", "{\"title\":\"A\"}");
        File.SetLastWriteTimeUtc(full, Written.UtcDateTime);
        var loader = new TopicLoader(dir.Root);

        var topic = loader.Load("cat/a.json").Topic;

        Assert.Equal(new TopicFileStamp(13, Written.UtcTicks), topic!.Stamp);
        Assert.Equal(topic.Stamp, loader.Stamp("cat/a.json"));
    }

    [Fact]
    public void Stamp_SameSizeRewriteWithNewTime_Differs()
    {
        using var dir = new TopicsDirectory();
        var full = dir.Write("cat/a.json", "{\"title\":\"A\"}");
        File.SetLastWriteTimeUtc(full, Written.UtcDateTime);
        var loader = new TopicLoader(dir.Root);
        var before = loader.Stamp("cat/a.json");

        File.WriteAllText(full, "{\"title\":\"B\"}");
        File.SetLastWriteTimeUtc(full, Written.AddTicks(1).UtcDateTime);

        Assert.NotEqual(before, loader.Stamp("cat/a.json"));
    }

    [Theory]
    [InlineData("cat/missing.json")]
    [InlineData("../escape.json")]
    [InlineData("cat")]
    public void Stamp_MissingOrRefusedPath_Null(string path)
    {
        using var dir = new TopicsDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Root, "cat"));

        Assert.Null(new TopicLoader(dir.Root).Stamp(path));
    }

    [Fact]
    public void SettledBy_WrittenWithinTheSettleTime_NullAfterItTheStamp()
    {
        var stamp = new TopicFileStamp(10, Written.UtcTicks);

        Assert.Null(stamp.SettledBy(Written + TopicFileStamp.SettleTime - TimeSpan.FromTicks(1)));
        Assert.Null(stamp.SettledBy(Written - TimeSpan.FromHours(1)));
        Assert.Equal(stamp, stamp.SettledBy(Written + TopicFileStamp.SettleTime));
    }
}
