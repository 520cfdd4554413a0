using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptOptimizer.Providers.OpenRouter;

internal sealed class AnnotationWire
{
    public string? Type { get; set; }

    [JsonPropertyName("url_citation")]
    public UrlCitationWire? UrlCitation { get; set; }

    // Some OpenAI-compatible servers flatten the citation into the annotation itself.
    public string? Url { get; set; }

    public string? Title { get; set; }

    public string? Content { get; set; }
}
