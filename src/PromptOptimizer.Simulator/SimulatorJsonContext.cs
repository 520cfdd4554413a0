using System.Text.Json.Serialization;

namespace PromptOptimizer.Simulator;

/// <summary>Source-generated JSON for the simulator's own documents (snake_case, like the tool's outputs).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(SimulatorStats))]
[JsonSerializable(typeof(Dictionary<string, double[]>))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
