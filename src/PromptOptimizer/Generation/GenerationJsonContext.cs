using System.Text.Json.Serialization;

namespace PromptOptimizer.Generation;

/// <summary>Source-generated JSON for the data blocks put into prompts.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TopicBlock))]
internal sealed partial class GenerationJsonContext : JsonSerializerContext;
