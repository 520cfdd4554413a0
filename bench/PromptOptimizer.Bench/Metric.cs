using System.Text.Json.Serialization;

namespace PromptOptimizer.Bench;

/// <summary>One row of <c>bench/results/latest.json</c>; informational rows have no target and a null pass.</summary>
internal sealed record Metric(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("metric")] string Name,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("target")] string? Target,
    [property: JsonPropertyName("pass")] bool? Pass)
{
    public static Metric Info(string scenario, string name, double value) => new(scenario, name, value, null, null);

    public static Metric AtLeast(string scenario, string name, double value, double target) =>
        new(scenario, name, value, FormattableString.Invariant($">= {target}"), value >= target);

    public static Metric AtMost(string scenario, string name, double value, double target) =>
        new(scenario, name, value, FormattableString.Invariant($"<= {target}"), value <= target);

    public static Metric Equal(string scenario, string name, double value, double target) =>
        new(scenario, name, value, FormattableString.Invariant($"== {target}"), Math.Abs(value - target) < 1e-9);
}
