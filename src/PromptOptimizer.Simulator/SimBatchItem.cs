using System.Text.Json.Nodes;

namespace PromptOptimizer.Simulator;

/// <summary>One request of a batch: its custom_id, its body as sent (the text identical requests share), and the
/// parsed request (null when the body is unusable, which fails the batch at validation).</summary>
internal sealed record SimBatchItem(string CustomId, JsonNode Body, string BodyText, ChatRequest? Request);
