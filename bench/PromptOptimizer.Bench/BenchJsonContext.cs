using System.Text.Json.Serialization;

namespace PromptOptimizer.Bench;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(List<Metric>))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
