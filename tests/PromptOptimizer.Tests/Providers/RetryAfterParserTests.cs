using PromptOptimizer.Providers;

namespace PromptOptimizer.Tests.Providers;

public sealed class RetryAfterParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 3, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("30", 30)]
    [InlineData("1.5", 1.5)]
    [InlineData("0.25", 0.25)]
    [InlineData("600", 600)]
    [InlineData("601", 600)]
    [InlineData("86400", 600)]
    public void Parse_Seconds_ClampedToMaxWait(string header, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Parse(header));
    }

    [Fact]
    public void Parse_HttpDateInFuture_WaitUntilThen()
    {
        Assert.Equal(TimeSpan.FromSeconds(45), Parse("Tue, 03 Nov 2026 12:00:45 GMT"));
    }

    [Fact]
    public void Parse_HttpDateInPast_Zero()
    {
        Assert.Equal(TimeSpan.Zero, Parse("Tue, 03 Nov 2026 11:00:00 GMT"));
    }

    [Fact]
    public void Parse_HttpDateFarAway_Clamped()
    {
        Assert.Equal(RetryAfterParser.MaxWait, Parse("Wed, 04 Nov 2026 12:00:00 GMT"));
    }

    [Fact]
    public void Parse_Missing_Null()
    {
        using var response = new HttpResponseMessage();

        Assert.Null(RetryAfterParser.Parse(response.Headers, Now));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData("NaN")]
    public void Parse_Garbage_Null(string header)
    {
        Assert.Null(Parse(header));
    }

    [Theory]
    [InlineData("Infinity")]
    [InlineData("1e308")]
    [InlineData("99999999999999999999")]
    public void Parse_HugeOrInfiniteSeconds_ClampedInsteadOfThrowing(string header)
    {
        Assert.Equal(RetryAfterParser.MaxWait, Parse(header));
    }

    [Fact]
    public void Parse_NegativeInfinity_Zero()
    {
        Assert.Equal(TimeSpan.Zero, Parse("-Infinity"));
    }

    [Fact]
    public void Parse_NegativeSeconds_Zero()
    {
        Assert.Equal(TimeSpan.Zero, Parse("-5"));
    }

    private static TimeSpan? Parse(string header)
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Retry-After", header);
        return RetryAfterParser.Parse(response.Headers, Now);
    }
}
