namespace PromptOptimizer.Output;

/// <summary>Tokens and money spent on one topic.</summary>
/// <param name="CostUsd">Everything paid, search included.</param>
/// <param name="SearchCostUsd">The part of <paramref name="CostUsd"/> paid for research.</param>
/// <param name="Estimated">True when a provider did not report cost and the price table was used.</param>
internal sealed record UsageSummary(long PromptTokens, long CompletionTokens, decimal CostUsd, decimal SearchCostUsd, bool Estimated = false)
{
    public static UsageSummary Zero { get; } = new(0, 0, 0m, 0m);

    public UsageSummary Add(UsageSummary other) => new(
        PromptTokens + other.PromptTokens,
        CompletionTokens + other.CompletionTokens,
        CostUsd + other.CostUsd,
        SearchCostUsd + other.SearchCostUsd,
        Estimated || other.Estimated);
}
