using PromptOptimizer.Topics;

namespace PromptOptimizer.Tests.Topics;

public sealed class TopicLoaderTests
{
    [Fact]
    public void Parse_ValidTopic_ReadsFieldsAndHash()
    {
        var bytes = "{\"title\":\"SQL injection\",\"keywords\":[\"sqli\"],\"card_count\":5,\"extra\":1}"u8.ToArray();
        var result = TopicLoader.Parse("001_cybersecurity/sql_injection.json", bytes);
        Assert.True(result.IsValid, result.Error);
        Assert.Equal("SQL injection", result.Topic!.Title);
        Assert.Equal(5, result.Topic.CardCount);
        Assert.Equal("001_cybersecurity", result.Topic.Category);
        Assert.Equal("sql_injection", result.Topic.Name);
        Assert.Equal(64, result.Topic.ContentHash.Length);
        Assert.Equal("SQL injection sqli", result.Topic.EffectiveSearchQuery);
    }
}
