using PromptOptimizer.Validation;

namespace PromptOptimizer.Tests.Validation;

public sealed class FlashcardRulesTests
{
    [Fact]
    public void Default_HasDocumentedLimits()
    {
        Assert.Equal(new FlashcardRules(200, 500, 0.8), FlashcardRules.Default);
    }

    [Theory]
    [InlineData(0, 500, 0.8, "MaxFront")]
    [InlineData(200, -1, 0.8, "MaxBack")]
    [InlineData(200, 500, 0.0, "MinFraction")]
    [InlineData(200, 500, 1.5, "MinFraction")]
    [InlineData(200, 500, double.NaN, "MinFraction")]
    public void Constructor_InvalidValue_ThrowsNamingProperty(int maxFront, int maxBack, double minFraction, string property)
    {
        var ex = Assert.Throws<ArgumentException>(() => new FlashcardRules(maxFront, maxBack, minFraction));
        Assert.Equal(property, ex.ParamName);
    }

    [Theory]
    [InlineData(0.8, 10, 8)]
    [InlineData(0.7, 10, 7)]
    [InlineData(0.56, 25, 14)]
    [InlineData(0.55, 100, 55)]
    [InlineData(0.8, 5, 4)]
    [InlineData(0.8, 1, 1)]
    [InlineData(0.1, 3, 1)]
    [InlineData(1.0, 7, 7)]
    public void MinimumValid_Fraction_IsCeilingWithoutFloatingPointDrift(double fraction, int count, int expected)
    {
        Assert.Equal(expected, new FlashcardRules(MinFraction: fraction).MinimumValid(count));
    }
}
