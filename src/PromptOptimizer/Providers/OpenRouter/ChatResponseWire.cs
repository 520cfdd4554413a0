namespace PromptOptimizer.Providers.OpenRouter;

/// <summary>
/// A chat completions answer. Every field is nullable and unknown fields are ignored: the reader is tolerant, and
/// enum-like values (<c>finish_reason</c>) stay plain strings.
/// </summary>
internal sealed class ChatResponseWire
{
    public string? Id { get; set; }

    public string? Model { get; set; }

    public string? Provider { get; set; }

    public List<ChoiceWire>? Choices { get; set; }

    public UsageWire? Usage { get; set; }

    public ErrorWire? Error { get; set; }
}
