using System.Text.Json;
using PromptOptimizer.Providers;
using PromptOptimizer.Providers.OpenRouter;

namespace PromptOptimizer.Tests.Providers;

public sealed class BatchResultReaderTests
{
    private const string Key = "sk-or-v1-FTESTS-distinctive-reader-key-5551212";

    [Theory]
    [InlineData("invalid_request_error", nameof(ErrorKind.BadRequest), false, false)]
    [InlineData("authentication_error", nameof(ErrorKind.Authentication), false, true)]
    [InlineData("batch_expired", nameof(ErrorKind.Timeout), true, false)]
    [InlineData("batch_cancelled", nameof(ErrorKind.Transient), true, false)]
    [InlineData("rate_limit_exceeded", nameof(ErrorKind.RateLimited), true, false)]
    [InlineData("something_new", nameof(ErrorKind.Transient), true, false)]
    public void Read_LineError_ClassifiedByType(string type, string kind, bool transient, bool stopsRun)
    {
        var item = Read($$$"""{"custom_id":"c1","response":null,"error":{"message":"no answer","type":"{{{type}}}","param":null}}""");

        Assert.Equal("c1", item.CustomId);
        Assert.Null(item.Completion);
        Assert.Equal((Enum.Parse<ErrorKind>(kind), transient, stopsRun), (item.Error!.Kind, item.Error.IsTransient, item.Error.StopsRun));
        Assert.StartsWith(type, item.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OpenAiCodeInsteadOfType_ClassifiedByCode()
    {
        var item = Read("""{"custom_id":"c1","error":{"code":"batch_expired","message":"late"}}""");

        Assert.Equal(ErrorKind.Timeout, item.Error!.Kind);
    }

    [Fact]
    public void Read_ErrorStatusEchoingTheKey_ClassifiedLikeTheSyncCallAndRedacted()
    {
        var item = Read("""{"custom_id":"c1","response":{"status_code":400,"body":{"error":{"code":400,"message":"bad key """ + Key + "\"}}}}");

        Assert.Equal((ErrorKind.BadRequest, false), (item.Error!.Kind, item.Error.IsTransient));
        Assert.DoesNotContain(Key, item.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, item.Error.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnswerWithFinishReasonError_ClassifiedLikeTheSyncCall()
    {
        var item = Read("""
            {"custom_id":"c1","response":{"status_code":200,"body":{"choices":[{"finish_reason":"error","message":{"content":""},
              "error":{"code":502,"message":"upstream gone","metadata":{"error_type":"timeout"}}}]}}}
            """);

        Assert.Equal((ErrorKind.Timeout, true), (item.Error!.Kind, item.Error.IsTransient));
    }

    private static BatchResultItem Read(string line)
    {
        var page = JsonSerializer.Deserialize("{\"data\":[" + line + "]}", ChatJsonContext.Default.BatchListWireBatchResultWire)!;
        return BatchResultReader.Read(page.Data![0], new SecretRedactor([Key]));
    }
}
