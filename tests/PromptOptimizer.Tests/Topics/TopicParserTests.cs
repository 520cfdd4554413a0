using System.Security.Cryptography;
using System.Text;
using PromptOptimizer.Topics;

namespace PromptOptimizer.Tests.Topics;

public sealed class TopicParserTests
{
    [Fact]
    public void Parse_ValidTopic_ReadsFieldsAndHash()
    {
        var bytes = "{\"title\":\"SQL injection\",\"keywords\":[\"sqli\"],\"card_count\":5,\"extra\":1}"u8.ToArray();
        var result = TopicParser.Parse("001_cybersecurity/sql_injection.json", bytes);
        Assert.True(result.IsValid, result.Error);
        Assert.Equal("SQL injection", result.Topic!.Title);
        Assert.Equal(5, result.Topic.CardCount);
        Assert.Equal("001_cybersecurity", result.Topic.Category);
        Assert.Equal("sql_injection", result.Topic.Name);
        Assert.Equal(64, result.Topic.ContentHash.Length);
        Assert.Equal("SQL injection sqli", result.Topic.EffectiveSearchQuery);
    }

    [Fact]
    public void Parse_AllFieldsAndUnknownNested_ReadsEveryFieldAndIgnoresUnknown()
    {
        var json = """
            {"title":"  XSS  ","description":" Cross-site scripting ","keywords":["dom", " ", "stored "],
             "audience":"devs","difficulty":"hard","card_count":50,"search_query":"xss prevention",
             "unknown":{"nested":[1,2,{"x":null}]},"another":true}
            """;
        var result = TopicParser.Parse("web/xss.json", Encoding.UTF8.GetBytes(json));

        Assert.True(result.IsValid, result.Error);
        var topic = result.Topic!;
        Assert.Equal("XSS", topic.Title);
        Assert.Equal("Cross-site scripting", topic.Description);
        Assert.Equal(["dom", "stored"], topic.Keywords);
        Assert.Equal("devs", topic.Audience);
        Assert.Equal("hard", topic.Difficulty);
        Assert.Equal(50, topic.CardCount);
        Assert.Equal("xss prevention", topic.EffectiveSearchQuery);
    }

    [Fact]
    public void Parse_OptionalFieldsMissingOrNull_UsesDefaults()
    {
        var result = TopicParser.Parse("c/t.json", "{\"title\":\"Only title\",\"keywords\":null,\"card_count\":null,\"description\":null}"u8);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(TopicDefinition.DefaultCardCount, result.Topic!.CardCount);
        Assert.Empty(result.Topic.Keywords);
        Assert.Null(result.Topic.Description);
        Assert.Equal("Only title", result.Topic.EffectiveSearchQuery);
    }

    [Fact]
    public void Parse_Utf8Bom_AcceptedAndHashCoversBom()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "{\"title\":\"Bom topic\"}"u8];

        var result = TopicParser.Parse("c/bom.json", bytes);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal("Bom topic", result.Topic!.Title);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Topic.ContentHash);
    }

    [Theory]
    [InlineData("{\"title\":\"a\",", "invalid JSON")]
    [InlineData("", "invalid JSON")]
    [InlineData("{\"description\":\"no title\"}", "missing required field 'title'")]
    [InlineData("{\"title\":\"\"}", "field 'title' is empty")]
    [InlineData("{\"title\":\"   \"}", "field 'title' is empty")]
    [InlineData("{\"title\":null}", "missing required field 'title'")]
    [InlineData("{\"title\":42}", "field 'title' must be a string, found a number")]
    [InlineData("{\"title\":\"t\",\"keywords\":\"sqli\"}", "field 'keywords' must be an array of strings, found a string")]
    [InlineData("{\"title\":\"t\",\"keywords\":[\"a\",7]}", "field 'keywords' must be an array of strings, found an item that is a number")]
    [InlineData("{\"title\":\"t\",\"card_count\":\"5\"}", "field 'card_count' must be a number, found a string")]
    [InlineData("{\"title\":\"t\",\"card_count\":2.5}", "field 'card_count' must be a whole number, found 2.5")]
    [InlineData("{\"title\":\"t\",\"card_count\":0}", "field 'card_count' is 0, allowed 1..50")]
    [InlineData("{\"title\":\"t\",\"card_count\":51}", "field 'card_count' is 51, allowed 1..50")]
    [InlineData("{\"title\":\"t\",\"card_count\":-3}", "field 'card_count' is -3, allowed 1..50")]
    [InlineData("{\"title\":\"t\",\"card_count\":99999999999}", "field 'card_count' must be a whole number")]
    [InlineData("[{\"title\":\"t\"}]", "expected a JSON object, found an array")]
    [InlineData("\"just a string\"", "expected a JSON object, found a string")]
    public void Parse_BrokenTopic_InvalidWithErrorNamingTheProblem(string json, string expected)
    {
        var result = TopicParser.Parse("cat/broken.json", Encoding.UTF8.GetBytes(json));

        Assert.False(result.IsValid);
        Assert.Null(result.Topic);
        Assert.Equal("cat/broken.json", result.Path);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidJsonOnThirdLine_ErrorNamesLine()
    {
        var result = TopicParser.Parse("cat/broken.json", "{\n\"title\":\"t\",\n\"keywords\": [oops]\n}"u8);

        Assert.False(result.IsValid);
        Assert.StartsWith("invalid JSON at line 3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotUtf8_Invalid()
    {
        byte[] bytes = [.. "{\"title\":\"caf"u8, 0xE9, .. "\"}"u8];

        var result = TopicParser.Parse("cat/latin1.json", bytes);

        Assert.False(result.IsValid);
        Assert.Equal("file is not valid UTF-8", result.Error);
    }
}
