using System.Text.Json.Serialization;

namespace PromptOptimizer.Tracking;

/// <summary>Source-generated snake_case JSON for checkpoint files; a missing or null field makes the file corrupt.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(Checkpoint))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
