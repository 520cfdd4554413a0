namespace PromptOptimizer.Simulator;

/// <summary>Settings of a <see cref="ProviderSimulator"/>; every property is validated when set.</summary>
internal sealed record SimulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks an ephemeral port.</summary>
    public int Port
    {
        get;
        init => field = value is >= 0 and <= 65535 ? value : throw new ArgumentException("Port must be in 0..65535.", nameof(Port));
    }

    /// <summary>Median of the log-normal per-request latency in milliseconds; 0 disables latency.</summary>
    public double LatencyMs
    {
        get;
        init => field = NonNegative(value, nameof(LatencyMs));
    }

    /// <summary>Sigma of the log-normal latency.</summary>
    public double LatencySigma
    {
        get;
        init => field = NonNegative(value, nameof(LatencySigma));
    } = 0.6;

    public int Seed { get; init; } = 1;

    /// <summary>How long a submitted batch takes before it is processed (validating for the first half, in progress
    /// for the second); zero answers it on the first poll.</summary>
    public TimeSpan BatchLatency
    {
        get;
        init => field = value >= TimeSpan.Zero && value < TimeSpan.MaxValue
            ? value
            : throw new ArgumentException("BatchLatency must be a finite duration >= 0.", nameof(BatchLatency));
    } = TimeSpan.FromSeconds(0.5);

    /// <summary>Share of the per-token price a batch answer is billed at (OpenRouter: typically half).</summary>
    public decimal BatchPriceFactor
    {
        get;
        init => field = value is >= 0 and <= 1 ? value : throw new ArgumentException("BatchPriceFactor must be in 0..1.", nameof(BatchPriceFactor));
    } = 0.5m;

    public FaultSpec Faults
    {
        get;
        init => field = value ?? throw new ArgumentException("Faults must not be null; use FaultSpec.None.", nameof(Faults));
    } = FaultSpec.None;

    /// <summary>Exa requests accepted per 1-second sliding window; null means unlimited.</summary>
    public double? ExaQps
    {
        get;
        init => field = PositiveOrNull(value, nameof(ExaQps));
    }

    /// <summary>Chat completions accepted per 1-second sliding window; null means unlimited.</summary>
    public double? ChatRps
    {
        get;
        init => field = PositiveOrNull(value, nameof(ChatRps));
    }

    public decimal PromptPricePerToken
    {
        get;
        init => field = NonNegative(value, nameof(PromptPricePerToken));
    } = 0.00000015m;

    public decimal CompletionPricePerToken
    {
        get;
        init => field = NonNegative(value, nameof(CompletionPricePerToken));
    } = 0.0000006m;

    /// <summary>Web plugin fee per request, covering up to 10 results.</summary>
    public decimal WebSearchFee
    {
        get;
        init => field = NonNegative(value, nameof(WebSearchFee));
    } = 0.007m;

    /// <summary>Web plugin fee per result beyond 10.</summary>
    public decimal WebExtraResultFee
    {
        get;
        init => field = NonNegative(value, nameof(WebExtraResultFee));
    } = 0.001m;

    /// <summary>Price of one Exa search (up to 10 results with contents).</summary>
    public decimal ExaSearchPrice
    {
        get;
        init => field = NonNegative(value, nameof(ExaSearchPrice));
    } = 0.007m;

    /// <summary>When true, requests without a key get the provider's 401.</summary>
    public bool RequireKeys { get; init; } = true;

    /// <summary>
    /// When false, <c>usage</c> carries tokens only, like Ollama, vLLM or LM Studio (no <c>cost</c>, <c>is_byok</c>,
    /// <c>cost_details</c>): clients must estimate.
    /// </summary>
    public bool ReportCost { get; init; } = true;

    private static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value : throw new ArgumentException($"{name} must be a finite number >= 0.", name);

    private static decimal NonNegative(decimal value, string name) =>
        value >= 0 ? value : throw new ArgumentException($"{name} must be >= 0.", name);

    private static double? PositiveOrNull(double? value, string name) =>
        value is null || (double.IsFinite(value.Value) && value.Value > 0)
            ? value
            : throw new ArgumentException($"{name} must be a finite number > 0, or null for no limit.", name);
}
