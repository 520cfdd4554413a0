namespace PromptOptimizer.Providers.Exa;

internal sealed class CostDollarsWire
{
    public decimal? Total { get; set; }
}
