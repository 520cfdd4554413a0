using PromptOptimizer.Providers;

namespace PromptOptimizer.Tests.Providers;

public sealed class OpenRouterClientTests
{
    // The real recorded answer from wire-protocols.md, with its nulls and fields the client does not model.
    private const string Recorded = """
        {"id":"gen-1787214053-abc","object":"chat.completion","created":1787214053,
         "model":"deepseek/deepseek-chat","provider":"Novita","system_fingerprint":null,
         "choices":[{"index":0,"finish_reason":"stop","native_finish_reason":"stop","logprobs":null,
           "message":{"role":"assistant","content":"{\"cards\":[]}","refusal":null,"reasoning":null,
             "annotations":[{"type":"url_citation","url_citation":{
                "url":"https://example.org/page","title":"Page title",
                "content":"excerpt one\n\n...\n\nexcerpt two","start_index":0,"end_index":0}},
               {"type":"url_citation","url_citation":{"url":"https://example.org/other","title":"","content":null,"start_index":0,"end_index":0}}]}}],
         "usage":{"prompt_tokens":1829,"completion_tokens":25,"total_tokens":1854,
           "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0},
           "cost":0.0077641,"is_byok":false,
           "cost_details":{"upstream_inference_cost":0.0007641,
             "upstream_inference_prompt_cost":0.0007316,"upstream_inference_completions_cost":0.0000325}}}
        """;

    [Fact]
    public void Parse_RecordedShape_ReadsContentUsageCostAndNestedCitations()
    {
        var answer = OpenRouterClient.Parse(Recorded, SecretRedactor.None);

        Assert.Null(answer.Error);
        var completion = answer.Value!;
        Assert.Equal("gen-1787214053-abc", completion.Id);
        Assert.Equal("deepseek/deepseek-chat", completion.Model);
        Assert.Equal("{\"cards\":[]}", completion.Content);
        Assert.Equal("stop", completion.FinishReason);
        Assert.Equal("stop", completion.NativeFinishReason);
        Assert.Null(completion.Refusal);
        Assert.Equal(1829, completion.PromptTokens);
        Assert.Equal(25, completion.CompletionTokens);
        Assert.Equal(0.0077641m, completion.Cost);
        Assert.Equal(2, completion.Citations.Count);
        Assert.Equal(new WebCitation("https://example.org/page", "Page title", "excerpt one\n\n...\n\nexcerpt two"), completion.Citations[0]);
        Assert.Equal(new WebCitation("https://example.org/other", "", null), completion.Citations[1]);
    }

    [Fact]
    public void Parse_FlattenedAnnotations_ReadAsCitationsAndOtherTypesSkipped()
    {
        const string body = """
            {"choices":[{"finish_reason":"stop","message":{"content":"x","annotations":[
              {"type":"url_citation","url":"https://flat.example/a","title":"Flat","content":"text"},
              {"url":"https://untyped.example/b"},
              {"type":"file_citation","url":"https://file.example/c"},
              {"type":"url_citation","url_citation":{"url":"  "}},
              {"type":"url_citation"}]}}]}
            """;

        var completion = OpenRouterClient.Parse(body, SecretRedactor.None).Value!;

        Assert.Equal(["https://flat.example/a", "https://untyped.example/b"], completion.Citations.Select(c => c.Url));
        Assert.Equal("Flat", completion.Citations[0].Title);
        Assert.Equal("text", completion.Citations[0].Content);
    }

    [Fact]
    public void Parse_NoUsage_CostNullAndTokensZero()
    {
        var completion = OpenRouterClient.Parse("""{"choices":[{"finish_reason":"stop","message":{"content":"hi"}}]}""", SecretRedactor.None).Value!;

        Assert.Null(completion.Cost);
        Assert.Equal(0, completion.PromptTokens);
        Assert.Equal(0, completion.CompletionTokens);
        Assert.Empty(completion.Citations);
    }

    [Theory]
    [InlineData("stop", "stop")]
    [InlineData("length", "length")]
    [InlineData("tool_calls", "tool_calls")]
    [InlineData("content_filter", "content_filter")]
    [InlineData("something_new_2027", "something_new_2027")]
    public void Parse_FinishReason_KeptAsPlainString(string reason, string expected)
    {
        var body = $$$"""{"choices":[{"finish_reason":"{{{reason}}}","native_finish_reason":"UPSTREAM_{{{reason}}}","message":{"content":"c"}}]}""";

        var completion = OpenRouterClient.Parse(body, SecretRedactor.None).Value!;

        Assert.Equal(expected, completion.FinishReason);
        Assert.Equal("UPSTREAM_" + reason, completion.NativeFinishReason);
    }

    [Fact]
    public void Parse_FinishReasonNull_FallsBackToNativeThenStop()
    {
        var native = OpenRouterClient.Parse("""{"choices":[{"finish_reason":null,"native_finish_reason":"length","message":{"content":"c"}}]}""", SecretRedactor.None);
        var none = OpenRouterClient.Parse("""{"choices":[{"message":{"content":"c"}}]}""", SecretRedactor.None);

        Assert.Equal("length", native.Value!.FinishReason);
        Assert.Equal("stop", none.Value!.FinishReason);
    }

    [Fact]
    public void Parse_Refusal_ContentNullRefusalKept()
    {
        var completion = OpenRouterClient.Parse("""{"choices":[{"finish_reason":"stop","message":{"content":null,"refusal":"I can't help with that."}}]}""", SecretRedactor.None).Value!;

        Assert.Null(completion.Content);
        Assert.Equal("I can't help with that.", completion.Refusal);
    }

    [Theory]
    [InlineData("rate_limit_exceeded", nameof(ErrorKind.RateLimited), true)]
    [InlineData("provider_unavailable", nameof(ErrorKind.Transient), true)]
    [InlineData("provider_overloaded", nameof(ErrorKind.Transient), true)]
    [InlineData("context_length_exceeded", nameof(ErrorKind.BadRequest), false)]
    [InlineData("timeout", nameof(ErrorKind.Timeout), true)]
    [InlineData("server", nameof(ErrorKind.Transient), true)]
    [InlineData("brand_new_type", nameof(ErrorKind.Transient), true)]
    public void Parse_FinishReasonError_ClassifiedByErrorType(string errorType, string kind, bool transient)
    {
        var body = $$$$"""
            {"choices":[{"finish_reason":"error","native_finish_reason":"error","message":{"content":""},
              "error":{"code":502,"message":"upstream failed","metadata":{"error_type":"{{{{errorType}}}}","provider_code":"x"}}}],
             "usage":{"prompt_tokens":10,"completion_tokens":0,"cost":0.0001}}
            """;

        var answer = OpenRouterClient.Parse(body, SecretRedactor.None);

        Assert.Null(answer.Value);
        var error = answer.Error!;
        Assert.Equal(Enum.Parse<ErrorKind>(kind), error.Kind);
        Assert.Equal(transient, error.IsTransient);
        Assert.False(error.StopsRun);
        Assert.Equal(200, error.StatusCode);
        Assert.Contains(errorType, error.Message, StringComparison.Ordinal);
        Assert.Contains("upstream failed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, nameof(ErrorKind.Authentication))]
    [InlineData(402, nameof(ErrorKind.Payment))]
    public void Parse_FinishReasonErrorWithAuthOrPaymentCode_StopsRun(int code, string kind)
    {
        var body = $$$"""{"choices":[{"finish_reason":"error","error":{"code":{{{code}}},"message":"no","metadata":null}}]}""";

        var error = OpenRouterClient.Parse(body, SecretRedactor.None).Error!;

        Assert.Equal(Enum.Parse<ErrorKind>(kind), error.Kind);
        Assert.True(error.StopsRun);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void Parse_FinishReasonErrorWithoutDetails_TransientUnknown()
    {
        var error = OpenRouterClient.Parse("""{"choices":[{"finish_reason":"error","message":{"content":null}}]}""", SecretRedactor.None).Error!;

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Contains("unknown", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"error":{"code":429,"message":"slow down"}}""", nameof(ErrorKind.RateLimited), true, false)]
    [InlineData("""{"error":{"code":"401","message":"User not found."}}""", nameof(ErrorKind.Authentication), false, true)]
    [InlineData("""{"error":{"code":404,"message":"No endpoints found"}}""", nameof(ErrorKind.NotFound), false, true)]
    [InlineData("""{"error":{"message":"no code at all"}}""", nameof(ErrorKind.Transient), true, false)]
    public void Parse_TopLevelErrorBody_ClassifiedByCode(string body, string kind, bool transient, bool stops)
    {
        var error = OpenRouterClient.Parse(body, SecretRedactor.None).Error!;

        Assert.Equal(Enum.Parse<ErrorKind>(kind), error.Kind);
        Assert.Equal(transient, error.IsTransient);
        Assert.Equal(stops, error.StopsRun);
    }

    [Theory]
    [InlineData("""{"id":"x","choices":[]}""")]
    [InlineData("""{"id":"x"}""")]
    [InlineData("""{"id":"x","choices":null}""")]
    [InlineData("null")]
    public void Parse_MissingChoices_TransientError(string body)
    {
        var answer = OpenRouterClient.Parse(body, SecretRedactor.None);

        Assert.Null(answer.Value);
        Assert.Equal(ErrorKind.Transient, answer.Error!.Kind);
        Assert.True(answer.Error.IsTransient);
        Assert.Contains("no choices", answer.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("")]
    [InlineData("{\"choices\":[{\"finish_reason\":\"stop\",")]
    public void Parse_NotJson_TransientErrorWithRawBody(string body)
    {
        var answer = OpenRouterClient.Parse(body, SecretRedactor.None);

        Assert.Equal(ErrorKind.Transient, answer.Error!.Kind);
        Assert.True(answer.Error.IsTransient);
        Assert.StartsWith("answer is not valid JSON", answer.Error.Message, StringComparison.Ordinal);
        Assert.Equal(body, answer.Error.RawBody);
    }

    [Fact]
    public void Parse_BodyHoldingKey_KeyRedactedEverywhere()
    {
        const string key = "sk-or-v1-DISTINCTIVE-KEY-0123456789";
        var redactor = new SecretRedactor([key]);
        var bodies = new[]
        {
            $$$"""{"error":{"code":401,"message":"bad key {{{key}}}"}}""",
            $$$"""{"choices":[{"finish_reason":"error","error":{"code":500,"message":"echo {{{key}}}"}}]}""",
            $$$"""{"id":"{{{key}}}","choices":[]}""",
            $$$"""not json {{{key}}}""",
        };

        foreach (var body in bodies)
        {
            var answer = OpenRouterClient.Parse(body, redactor);
            Assert.DoesNotContain(key, answer.Error!.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(key, answer.Error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(key, answer.Error.RawBody ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(key, answer.RawBody ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SerializeRequest_SchemaAndWebPlugin_WireShape()
    {
        using var schema = System.Text.Json.JsonDocument.Parse("""{"type":"object"}""");
        var request = new ChatRequest("m/x", [ChatMessage.System("s"), ChatMessage.User("u")], "flashcards", schema.RootElement, 1000, "generate", 0.3, WebResults: 7);

        using var body = System.Text.Json.JsonDocument.Parse(OpenRouterClient.SerializeRequest(request));
        var root = body.RootElement;

        Assert.Equal("m/x", root.GetProperty("model").GetString());
        Assert.Equal(1000, root.GetProperty("max_tokens").GetInt32());
        Assert.False(root.GetProperty("stream").GetBoolean());
        Assert.Equal("json_schema", root.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Equal("flashcards", root.GetProperty("response_format").GetProperty("json_schema").GetProperty("name").GetString());
        Assert.True(root.GetProperty("response_format").GetProperty("json_schema").GetProperty("strict").GetBoolean());
        var plugin = root.GetProperty("plugins")[0];
        Assert.Equal("web", plugin.GetProperty("id").GetString());
        Assert.Equal("exa", plugin.GetProperty("engine").GetString());
        Assert.Equal(7, plugin.GetProperty("max_results").GetInt32());
        Assert.Equal("user", root.GetProperty("messages")[1].GetProperty("role").GetString());
    }
}
