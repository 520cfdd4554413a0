using System.Text.Json.Serialization;
using PromptOptimizer.Cli.Commands;
using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;

namespace PromptOptimizer.Cli;

/// <summary>Source-generated JSON for every <c>--json</c> output, snake_case like the output files.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<CheckpointStatusEntry>))]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(List<FailedEntry>))]
[JsonSerializable(typeof(InspectReport))]
[JsonSerializable(typeof(List<PromptOptimizer.LocalSources.QueryProbe>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
