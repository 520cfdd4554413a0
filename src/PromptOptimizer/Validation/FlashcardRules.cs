using PromptOptimizer.Cards;

namespace PromptOptimizer.Validation;

/// <summary>Limits applied to every generated card; validated here so a bad setting fails at start-up, not per topic.</summary>
/// <param name="MaxFront">Longest accepted front, in characters.</param>
/// <param name="MaxBack">Longest accepted back, in characters.</param>
/// <param name="MinFraction">Share of the requested cards that must survive validation for the answer to be kept.</param>
internal sealed record FlashcardRules(int MaxFront = CardLimits.MaxFrontChars, int MaxBack = CardLimits.MaxBackChars, double MinFraction = 0.8)
{
    public static FlashcardRules Default { get; } = new();

    // Get-only properties: a `with` expression cannot skip these checks.
    public int MaxFront { get; } = MaxFront >= 1
        ? MaxFront
        : throw new ArgumentException($"MaxFront must be at least 1, got {MaxFront}.", nameof(MaxFront));

    public int MaxBack { get; } = MaxBack >= 1
        ? MaxBack
        : throw new ArgumentException($"MaxBack must be at least 1, got {MaxBack}.", nameof(MaxBack));

    public double MinFraction { get; } = MinFraction is > 0 and <= 1
        ? MinFraction
        : throw new ArgumentException($"MinFraction must be above 0 and at most 1, got {MinFraction}.", nameof(MinFraction));

    /// <summary>How many valid cards an answer for <paramref name="cardCount"/> requested cards needs: ceil(MinFraction × count), at least 1.</summary>
    public int MinimumValid(int cardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cardCount, 1);

        // Rounding first keeps 0.56 × 25 (14.000000000000002 in binary) from becoming 15.
        var needed = (int)Math.Ceiling(Math.Round(MinFraction * cardCount, 9));
        return Math.Clamp(needed, 1, cardCount);
    }
}
