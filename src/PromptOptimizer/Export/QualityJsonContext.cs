using System.Text.Json.Serialization;

namespace PromptOptimizer.Export;

/// <summary>Source-generated serialization of the quality report, snake_case like the output files.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(QualityReportDocument))]
internal sealed partial class QualityJsonContext : JsonSerializerContext;
