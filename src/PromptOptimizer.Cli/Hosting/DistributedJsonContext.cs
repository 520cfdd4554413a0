using System.Text.Json.Serialization;

namespace PromptOptimizer.Cli.Hosting;

/// <summary>Source-generated JSON for the PostgreSQL-only status output, snake_case like <see cref="CliJsonContext"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DistributedStatusReport))]
internal sealed partial class DistributedJsonContext : JsonSerializerContext;
