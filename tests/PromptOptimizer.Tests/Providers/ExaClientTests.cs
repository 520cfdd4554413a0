using System.Text.Json;
using PromptOptimizer.Providers;

namespace PromptOptimizer.Tests.Providers;

public sealed class ExaClientTests
{
    [Fact]
    public void Parse_DocumentedShapeWithSearchBreakdown_ReadsHitsAndTotal()
    {
        const string body = """
            {"requestId":"b5947044c4b78efa9552a7c89b306d95","resolvedSearchType":"neural","searchTime":812.5,
             "results":[{"id":"https://example.org/a","url":"https://example.org/a","title":"A title",
               "publishedDate":"2023-11-16T01:36:32.547Z","author":"Ann","score":0.46,
               "text":"Full text","highlights":["one","two"],"highlightScores":[0.46,0.3],"image":"i","favicon":"f"}],
             "costDollars":{"total":0.008,"search":{"neural":0.007},"contents":{"summary":0.001}}}
            """;

        var answer = ExaClient.Parse(body, SecretRedactor.None);

        Assert.Null(answer.Error);
        var response = answer.Value!;
        Assert.Equal("b5947044c4b78efa9552a7c89b306d95", response.RequestId);
        Assert.Equal(0.008m, response.Cost);
        var hit = Assert.Single(response.Results);
        Assert.Equal("https://example.org/a", hit.Url);
        Assert.Equal("A title", hit.Title);
        Assert.Equal("2023-11-16T01:36:32.547Z", hit.PublishedDate);
        Assert.Equal("Ann", hit.Author);
        Assert.Equal(0.46, hit.Score);
        Assert.Equal("Full text", hit.Text);
        Assert.Equal(["one", "two"], hit.Highlights);
    }

    [Fact]
    public void Parse_BreakDownCostShapeAndSearchType_ReadsTotalOnly()
    {
        const string body = """
            {"requestId":"r2","searchType":"keyword",
             "results":[{"url":"https://example.org/b","title":"B"}],
             "costDollars":{"total":0.005,"breakDown":[{"search":0.005,"contents":0}],
               "perRequestPrices":{"neural_search_1_25_results":0.005},"perPagePrices":{"contents_text":0.001}}}
            """;

        var response = ExaClient.Parse(body, SecretRedactor.None).Value!;

        Assert.Equal(0.005m, response.Cost);
        Assert.Equal("https://example.org/b", Assert.Single(response.Results).Url);
    }

    [Fact]
    public void Parse_NoCostDollars_CostNull()
    {
        var response = ExaClient.Parse("""{"results":[{"url":"https://x.example"}]}""", SecretRedactor.None).Value!;

        Assert.Null(response.Cost);
        Assert.Null(response.RequestId);
    }

    [Fact]
    public void Parse_NullFieldsNullResultAndIdOnlyResults_Tolerated()
    {
        const string body = """
            {"results":[
              {"url":"https://example.org/nulls","title":null,"publishedDate":null,"author":null,"score":null,"text":null,"highlights":null},
              null,
              {"id":"https://example.org/id-only","title":"From id"},
              {"title":"No url and no id"},
              {"url":"   ","id":null},
              {"url":"https://example.org/hl","highlights":["kept",null,"  "]}]}
            """;

        var response = ExaClient.Parse(body, SecretRedactor.None).Value!;

        Assert.Equal(["https://example.org/nulls", "https://example.org/id-only", "https://example.org/hl"], response.Results.Select(h => h.Url));
        var nulls = response.Results[0];
        Assert.Null(nulls.Title);
        Assert.Null(nulls.PublishedDate);
        Assert.Null(nulls.Author);
        Assert.Null(nulls.Score);
        Assert.Null(nulls.Text);
        Assert.Empty(nulls.Highlights);
        Assert.Equal("From id", response.Results[1].Title);
        Assert.Equal(["kept"], response.Results[2].Highlights);
    }

    [Fact]
    public void Parse_EmptyResults_OkWithNoHits()
    {
        var answer = ExaClient.Parse("""{"results":[],"costDollars":{"total":0.005}}""", SecretRedactor.None);

        Assert.Null(answer.Error);
        Assert.Empty(answer.Value!.Results);
    }

    [Theory]
    [InlineData("""{"requestId":"x"}""", "no results array")]
    [InlineData("""{"results":null}""", "no results array")]
    [InlineData("<html>oops</html>", "not valid JSON")]
    [InlineData("{\"results\":[", "not valid JSON")]
    public void Parse_UnusableBody_TransientError(string body, string expected)
    {
        var answer = ExaClient.Parse(body, SecretRedactor.None);

        Assert.Null(answer.Value);
        Assert.Equal(ErrorKind.Transient, answer.Error!.Kind);
        Assert.True(answer.Error.IsTransient);
        Assert.Equal("exa", answer.Error.Provider);
        Assert.Contains(expected, answer.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BodyHoldingKey_KeyRedacted()
    {
        const string key = "exa-DISTINCTIVE-KEY-9876543210";
        var redactor = new SecretRedactor([key]);

        foreach (var body in new[] { $"not json {key}", $$"""{"requestId":"{{key}}"}""" })
        {
            var answer = ExaClient.Parse(body, redactor);
            Assert.DoesNotContain(key, answer.Error!.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(key, answer.Error.RawBody ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(key, answer.RawBody ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SerializeRequest_Request_DocumentedWireShape()
    {
        using var body = JsonDocument.Parse(ExaClient.SerializeRequest(new SearchRequest("sql injection", 5, 2000, 1000)));
        var root = body.RootElement;

        Assert.Equal("sql injection", root.GetProperty("query").GetString());
        Assert.Equal("auto", root.GetProperty("type").GetString());
        Assert.Equal(5, root.GetProperty("numResults").GetInt32());
        Assert.Equal(2000, root.GetProperty("contents").GetProperty("text").GetProperty("maxCharacters").GetInt32());
        Assert.Equal(1000, root.GetProperty("contents").GetProperty("highlights").GetProperty("maxCharacters").GetInt32());
    }
}
