using System.Text.Json.Serialization;

namespace PromptOptimizer.Output;

/// <summary>Source-generated (reflection-free) serialization of output files, snake_case on disk.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(FlashcardDocument))]
[JsonSerializable(typeof(PromptDocument))]
[JsonSerializable(typeof(UnifiedDocument))]
[JsonSerializable(typeof(IReadOnlyList<SourceDocument>))]
internal sealed partial class OutputJsonContext : JsonSerializerContext;
