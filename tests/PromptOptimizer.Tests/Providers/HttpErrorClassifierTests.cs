using PromptOptimizer.Providers;

namespace PromptOptimizer.Tests.Providers;

public sealed class HttpErrorClassifierTests
{
    [Theory]
    [InlineData(400, nameof(ErrorKind.BadRequest), false, false)]
    [InlineData(401, nameof(ErrorKind.Authentication), false, true)]
    [InlineData(402, nameof(ErrorKind.Payment), false, true)]
    [InlineData(403, nameof(ErrorKind.Forbidden), false, false)]
    [InlineData(408, nameof(ErrorKind.Timeout), true, false)]
    [InlineData(429, nameof(ErrorKind.RateLimited), true, false)]
    [InlineData(500, nameof(ErrorKind.Transient), true, false)]
    [InlineData(502, nameof(ErrorKind.Transient), true, false)]
    [InlineData(503, nameof(ErrorKind.Transient), true, false)]
    [InlineData(504, nameof(ErrorKind.Timeout), true, false)]
    [InlineData(524, nameof(ErrorKind.Timeout), true, false)]
    [InlineData(529, nameof(ErrorKind.Transient), true, false)]
    [InlineData(418, nameof(ErrorKind.BadRequest), false, false)]
    public void Classify_StatusFromReferenceTable_KindRetryAndStop(int status, string kind, bool transient, bool stops)
    {
        foreach (var provider in new[] { "openrouter", "exa" })
        {
            var error = HttpErrorClassifier.Classify(provider, status, "msg", null, isModelCall: provider == "openrouter");

            Assert.Equal(Enum.Parse<ErrorKind>(kind), error.Kind);
            Assert.Equal(transient, error.IsTransient);
            Assert.Equal(stops, error.StopsRun);
            Assert.Equal(status, error.StatusCode);
            Assert.Equal(provider, error.Provider);
            Assert.Equal("msg", error.Message);
        }
    }

    [Theory]
    [InlineData("openrouter_in_flight_budget", nameof(ErrorKind.RateLimited), true, false)]
    [InlineData("openrouter_credits", nameof(ErrorKind.Payment), false, true)]
    [InlineData("openrouter_key_limit", nameof(ErrorKind.Payment), false, true)]
    [InlineData(null, nameof(ErrorKind.Payment), false, true)]
    public void Classify_402ByLimitSource_OnlyInFlightBudgetIsTemporary(string? limitSource, string kind, bool transient, bool stops)
    {
        var error = HttpErrorClassifier.Classify("openrouter", 402, "budget", TimeSpan.FromSeconds(3), limitSource, isModelCall: true);

        Assert.Equal(Enum.Parse<ErrorKind>(kind), error.Kind);
        Assert.Equal(transient, error.IsTransient);
        Assert.Equal(stops, error.StopsRun);
        Assert.Equal(transient ? TimeSpan.FromSeconds(3) : null, error.RetryAfter);
    }

    [Fact]
    public void Classify_404_StopsRunOnlyForTheModelCall()
    {
        var chat = HttpErrorClassifier.Classify("openrouter", 404, "No endpoints found that can handle the requested parameters.", null, isModelCall: true);
        var search = HttpErrorClassifier.Classify("exa", 404, "not found", null);

        Assert.Equal(ErrorKind.NotFound, chat.Kind);
        Assert.True(chat.StopsRun);
        Assert.False(chat.IsTransient);
        Assert.Equal(ErrorKind.NotFound, search.Kind);
        Assert.False(search.StopsRun);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(504)]
    public void Classify_RetryableWithRetryAfter_KeepsTheWait(int status)
    {
        var error = HttpErrorClassifier.Classify("openrouter", status, "m", TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Theory]
    [InlineData("rate_limit_exceeded", null, nameof(ErrorKind.RateLimited), true, false)]
    [InlineData("provider_unavailable", null, nameof(ErrorKind.Transient), true, false)]
    [InlineData("provider_overloaded", 503, nameof(ErrorKind.Transient), true, false)]
    [InlineData("context_length_exceeded", 400, nameof(ErrorKind.BadRequest), false, false)]
    [InlineData("timeout", null, nameof(ErrorKind.Timeout), true, false)]
    [InlineData("server", 500, nameof(ErrorKind.Transient), true, false)]
    [InlineData(null, null, nameof(ErrorKind.Transient), true, false)]
    [InlineData(null, 401, nameof(ErrorKind.Authentication), false, true)]
    [InlineData("unknown_type", 402, nameof(ErrorKind.Payment), false, true)]
    public void ClassifyMidGeneration_ErrorType_KindRetryAndStop(string? errorType, int? code, string kind, bool transient, bool stops)
    {
        var error = HttpErrorClassifier.ClassifyMidGeneration(errorType, code, "mid");

        Assert.Equal(Enum.Parse<ErrorKind>(kind), error.Kind);
        Assert.Equal(transient, error.IsTransient);
        Assert.Equal(stops, error.StopsRun);
        Assert.Equal("openrouter", error.Provider);
    }
}
