using PromptOptimizer.Output;

namespace PromptOptimizer.Validation;

/// <summary>How much each rubric criterion counts towards a prompt's score; the weights must sum to 1.</summary>
internal sealed record RubricWeights(
    double Grounding = 0.3,
    double Coverage = 0.25,
    double Clarity = 0.2,
    double Safety = 0.15,
    double Format = 0.1)
{
    private const double SumTolerance = 1e-6;

    public static RubricWeights Default { get; } = new();

    // Get-only properties: a `with` expression cannot skip these checks.
    public double Grounding { get; } = InRange(Grounding, nameof(Grounding));

    public double Coverage { get; } = InRange(Coverage, nameof(Coverage));

    public double Clarity { get; } = InRange(Clarity, nameof(Clarity));

    public double Safety { get; } = InRange(Safety, nameof(Safety));

    public double Format { get; } = SumsToOne(Grounding, Coverage, Clarity, Safety, InRange(Format, nameof(Format)));

    /// <summary>The weighted mean of the scores, between 1 and 10, rounded to 2 decimals.</summary>
    public double Score(RubricScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var mean = (Grounding * scores.Grounding)
            + (Coverage * scores.Coverage)
            + (Clarity * scores.Clarity)
            + (Safety * scores.Safety)
            + (Format * scores.Format);
        return Math.Round(Math.Clamp(mean, 1.0, 10.0), 2, MidpointRounding.AwayFromZero);
    }

    private static double InRange(double weight, string name) => weight is >= 0 and <= 1
        ? weight
        : throw new ArgumentException($"{name} must be between 0 and 1, got {weight}.", name);

    private static double SumsToOne(double grounding, double coverage, double clarity, double safety, double format)
    {
        var sum = grounding + coverage + clarity + safety + format;
        return Math.Abs(sum - 1) <= SumTolerance
            ? format
            : throw new ArgumentException($"Grounding + Coverage + Clarity + Safety + Format must sum to 1, got {sum}.");
    }
}
