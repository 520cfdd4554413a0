using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Simulator;

public sealed class FaultSpecTests
{
    [Fact]
    public void Parse_ValidSpec_ReadsKindsAndRatesInOrder()
    {
        var spec = FaultSpec.Parse(" 429=0.05, 500=0.02,bad-json=0.01,timeout=0 ");

        Assert.Equal(
            [new FaultRate("429", 0.05), new FaultRate("500", 0.02), new FaultRate("bad-json", 0.01), new FaultRate("timeout", 0)],
            spec.Rates);
        Assert.Equal(0.08, spec.TotalRate, 6);
        Assert.Equal("429=0.05,500=0.02,bad-json=0.01,timeout=0", spec.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("none")]
    public void Parse_EmptyOrNone_NoFaults(string text)
    {
        Assert.Empty(FaultSpec.Parse(text).Rates);
    }

    [Theory]
    [InlineData("418=0.1", "'418'")]
    [InlineData("500=1.5", "'1.5'")]
    [InlineData("500=-0.1", "'-0.1'")]
    [InlineData("500=abc", "'abc'")]
    [InlineData("500", "kind=rate")]
    [InlineData("500=0.1,500=0.2", "repeats")]
    [InlineData("500=0.6,502=0.5", "above 1")]
    public void Parse_BadSpec_ThrowsFormatExceptionNamingThePart(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FaultSpec.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pick_DrawsMapToCumulativeRanges()
    {
        var spec = FaultSpec.Parse("429=0.25,500=0.25");

        Assert.Equal("429", spec.Pick(0.1));
        Assert.Equal("500", spec.Pick(0.3));
        Assert.Null(spec.Pick(0.5));
        Assert.Null(FaultSpec.None.Pick(0));
    }

    [Fact]
    public void Pick_BatchKinds_DrawnOnlyForABatchAndTheRestOnlyForARequest()
    {
        var spec = FaultSpec.Parse("429=0.25,batch-expired=0.5,batch-failed=0.25");

        Assert.Equal("429", spec.Pick(0.1));
        Assert.Null(spec.Pick(0.3));
        Assert.Equal("batch-expired", spec.Pick(0.1, batchLevel: true));
        Assert.Equal("batch-failed", spec.Pick(0.6, batchLevel: true));
        Assert.Null(spec.Pick(0.9, batchLevel: true));
    }
}
