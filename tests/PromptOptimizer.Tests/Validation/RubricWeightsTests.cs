using PromptOptimizer.Output;
using PromptOptimizer.Validation;

namespace PromptOptimizer.Tests.Validation;

public sealed class RubricWeightsTests
{
    [Fact]
    public void Default_HasDocumentedWeights()
    {
        Assert.Equal(new RubricWeights(0.3, 0.25, 0.2, 0.15, 0.1), RubricWeights.Default);
    }

    [Theory]
    [InlineData(10, 10, 10, 10, 10, 10.0)]
    [InlineData(1, 1, 1, 1, 1, 1.0)]
    [InlineData(8, 7, 9, 10, 6, 8.05)]
    [InlineData(7, 6, 5, 9, 8, 6.75)]
    public void Score_DefaultWeights_WeightedMeanRounded(int grounding, int coverage, int clarity, int safety, int format, double expected)
    {
        Assert.Equal(expected, RubricWeights.Default.Score(new RubricScores(grounding, coverage, clarity, safety, format)));
    }

    [Fact]
    public void Score_ThirdsWeights_RoundsToTwoDecimals()
    {
        var weights = new RubricWeights(1 / 3.0, 1 / 3.0, 1 / 3.0, 0, 0);

        Assert.Equal(6.67, weights.Score(new RubricScores(6, 7, 7, 1, 1)));
    }

    [Fact]
    public void Constructor_WeightsNotSummingToOne_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RubricWeights(0.3, 0.3, 0.3, 0.3, 0.3));
        Assert.Contains("sum to 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1, 0.35, 0.35, 0.2, 0.2, "Grounding")]
    [InlineData(0.1, 1.2, -0.3, 0.0, 0.0, "Coverage")]
    [InlineData(0.1, 0.1, 0.1, 0.1, double.NaN, "Format")]
    public void Constructor_WeightOutOfRange_ThrowsNamingProperty(double g, double c, double cl, double s, double f, string property)
    {
        var ex = Assert.Throws<ArgumentException>(() => new RubricWeights(g, c, cl, s, f));
        Assert.Equal(property, ex.ParamName);
    }
}
