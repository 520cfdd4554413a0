namespace PromptOptimizer.Providers.OpenRouter;

internal sealed class ResponseMessageWire
{
    public string? Role { get; set; }

    public string? Content { get; set; }

    public string? Refusal { get; set; }

    public List<AnnotationWire>? Annotations { get; set; }
}
