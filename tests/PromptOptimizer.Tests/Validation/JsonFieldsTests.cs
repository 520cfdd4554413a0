using System.Text.Json;
using PromptOptimizer.Validation;

namespace PromptOptimizer.Tests.Validation;

public sealed class JsonFieldsTests
{
    [Theory]
    [InlineData("""{"front":"exact"}""", "exact")]
    [InlineData("""{"Front":"capital"}""", "capital")]
    [InlineData("""{"FRONT":"upper"}""", "upper")]
    [InlineData("""{"\u0046ront":"escaped"}""", "escaped")]
    [InlineData("""{"fr\u004FNT":"escaped inside"}""", "escaped inside")]
    [InlineData("""{"front":null,"FRONT":"null exact, then any case"}""", "null exact, then any case")]
    [InlineData("""{"Front":"first","FRONT":"second"}""", "first")]
    public void TryGet_NameInAnyCase_FindsTheValue(string json, string expected)
    {
        Assert.True(JsonFields.TryGet(Parse(json), "front", out var value));
        Assert.Equal(expected, value.GetString());
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"back":"b"}""")]
    [InlineData("""{"front":null}""")]
    [InlineData("""{"Front":null}""")]
    [InlineData("""{"fronts":"longer"}""")]
    [InlineData("""{"fron":"shorter"}""")]
    [InlineData("""{"frönt":"umlaut"}""")]
    public void TryGet_NameAbsentOrNull_False(string json)
    {
        Assert.False(JsonFields.TryGet(Parse(json), "front", out _));
    }

    [Fact]
    public void TryGet_NotAnObject_False()
    {
        Assert.False(JsonFields.TryGet(Parse("""["front"]"""), "front", out _));
    }

    [Theory]
    [InlineData("tags")]
    [InlineData("TAGS")]
    [InlineData("tag\u017F")]
    [InlineData("t\u0131gs")]
    [InlineData("\u212Aey")]
    [InlineData("key")]
    [InlineData("K\u0065y")]
    [InlineData("t\u00E4gs")]
    public void TryGet_NonAsciiOrAnyName_MatchesExactlyWhenOrdinalIgnoreCaseDoes(string propertyName)
    {
        // The reference is the decoded name compared with OrdinalIgnoreCase, whatever its characters; the serializer
        // escapes non-ASCII names while the literal keeps them as raw UTF-8.
        var escaped = JsonSerializer.SerializeToElement(new Dictionary<string, string> { [propertyName] = "value" });
        var raw = Parse("{\"" + propertyName + "\":\"value\"}");
        foreach (var name in new[] { "tags", "key", "TAGS", "t\u00C4gs" })
        {
            var expected = string.Equals(propertyName, name, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(expected, JsonFields.TryGet(escaped, name, out _));
            Assert.Equal(expected, JsonFields.TryGet(raw, name, out _));
        }
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
