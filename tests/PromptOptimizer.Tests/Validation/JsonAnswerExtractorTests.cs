using System.Text.Json;
using PromptOptimizer.Validation;

namespace PromptOptimizer.Tests.Validation;

public sealed class JsonAnswerExtractorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void TryExtract_NullOrBlank_ReturnsJsonIssue(string? content)
    {
        Assert.False(JsonAnswerExtractor.TryExtract(content, out _, out var issue));
        Assert.Equal(ValidationRules.Json, issue.Rule);
        Assert.Contains("empty", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryExtract_PlainJson_ReturnsRoot()
    {
        Assert.True(JsonAnswerExtractor.TryExtract("  {\"a\": 1}  ", out var root, out var issue));
        Assert.Null(issue);
        Assert.Equal(1, root.GetProperty("a").GetInt32());
    }

    [Theory]
    [InlineData("```json\n{\"a\": 2}\n```")]
    [InlineData("```\n{\"a\": 2}\n```")]
    [InlineData("Here you go:\n```JSON\n{\"a\": 2}\n```\nHope this helps!")]
    public void TryExtract_CodeFence_ReturnsFenceBody(string content)
    {
        Assert.True(JsonAnswerExtractor.TryExtract(content, out var root, out _));
        Assert.Equal(2, root.GetProperty("a").GetInt32());
    }

    [Fact]
    public void TryExtract_ProseAroundJson_TakesOutermostBalancedObject()
    {
        const string content = "Sure! Here are the cards {with braces} below:\n{\"a\": {\"b\": \"x } y\"}, \"c\": [1]}\nLet me know if you need more.";

        // The first '{' starts prose that is not JSON, so the extractor must move on to the real object, not its inner array.
        Assert.True(JsonAnswerExtractor.TryExtract(content, out var root, out _));
        Assert.Equal("x } y", root.GetProperty("a").GetProperty("b").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("c").ValueKind);
    }

    [Fact]
    public void TryExtract_ProseBeforeArray_ReturnsArray()
    {
        Assert.True(JsonAnswerExtractor.TryExtract("The cards: [{\"a\":1},{\"a\":2}] done", out var root, out _));
        Assert.Equal(JsonValueKind.Array, root.ValueKind);
        Assert.Equal(2, root.GetArrayLength());
    }

    [Fact]
    public void TryExtract_BracketInProseBeforeObject_FallsBackToObject()
    {
        Assert.True(JsonAnswerExtractor.TryExtract("Answer [as requested]: {\"a\": 3}", out var root, out _));
        Assert.Equal(3, root.GetProperty("a").GetInt32());
    }

    [Fact]
    public void TryExtract_BracketedReferencesAroundAnswer_TakesLongestGroup()
    {
        Assert.True(JsonAnswerExtractor.TryExtract("Per [1]: [{\"a\":1},{\"a\":2}] (see [2])", out var root, out _));
        Assert.Equal(2, root.GetArrayLength());
        Assert.Equal(JsonValueKind.Object, root[0].ValueKind);
    }

    [Fact]
    public void TryExtract_TrailingCommaAndComment_Tolerated()
    {
        Assert.True(JsonAnswerExtractor.TryExtract("{\"a\": [1, 2,], // note\n}", out var root, out _));
        Assert.Equal(2, root.GetProperty("a").GetArrayLength());
    }

    [Fact]
    public void TryExtract_TruncatedJson_SaysItWasCutOff()
    {
        Assert.False(JsonAnswerExtractor.TryExtract("{\"cards\": [{\"front\": \"What", out _, out var issue));
        Assert.Equal(ValidationRules.Json, issue.Rule);
        Assert.Contains("cut off", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryExtract_NoJsonAtAll_SaysSo()
    {
        Assert.False(JsonAnswerExtractor.TryExtract("I cannot help with that.", out _, out var issue));
        Assert.Equal(ValidationRules.Json, issue.Rule);
        Assert.Contains("no JSON object", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryExtract_BalancedButInvalid_ReportsParserErrorShortly()
    {
        Assert.False(JsonAnswerExtractor.TryExtract("{'a': 1}", out _, out var issue));
        Assert.Equal(ValidationRules.Json, issue.Rule);
        Assert.StartsWith("the answer is not valid JSON: ", issue.Message, StringComparison.Ordinal);
        Assert.True(issue.Message.Length < 250, issue.Message);
    }

    [Fact]
    public void TryExtract_Root_OutlivesTheParse()
    {
        Assert.True(JsonAnswerExtractor.TryExtract("{\"a\": \"kept\"}", out var root, out _));
        GC.Collect();
        Assert.Equal("kept", root.GetProperty("a").GetString());
    }
}
