using System.Text.Json;

namespace PromptOptimizer.Generation;

/// <summary>The json_schema response formats each step asks for (strict: every property required, no extras).</summary>
internal static class AnswerSchemas
{
    public const string Flashcards = "flashcards";
    public const string PromptDraft = "prompt_draft";
    public const string PromptCritique = "prompt_critique";

    public static JsonElement FlashcardsSchema { get; } = Parse("""
        {"type":"object","additionalProperties":false,"required":["cards"],"properties":{
          "cards":{"type":"array","items":{"type":"object","additionalProperties":false,
            "required":["type","front","back","text","tags","difficulty","source_ids"],
            "properties":{
              "type":{"type":"string","enum":["basic","cloze"]},
              "front":{"type":"string"},
              "back":{"type":"string"},
              "text":{"type":"string"},
              "tags":{"type":"array","items":{"type":"string"}},
              "difficulty":{"type":"string","enum":["easy","medium","hard"]},
              "source_ids":{"type":"array","items":{"type":"string"}}}}}}}
        """);

    public static JsonElement PromptDraftSchema { get; } = Parse("""
        {"type":"object","additionalProperties":false,"required":["system_prompt"],"properties":{
          "system_prompt":{"type":"string"}}}
        """);

    public static JsonElement PromptCritiqueSchema { get; } = Parse("""
        {"type":"object","additionalProperties":false,"required":["scores","weaknesses"],"properties":{
          "scores":{"type":"object","additionalProperties":false,
            "required":["grounding","coverage","clarity","safety","format"],
            "properties":{
              "grounding":{"type":"integer"},"coverage":{"type":"integer"},"clarity":{"type":"integer"},
              "safety":{"type":"integer"},"format":{"type":"integer"}}},
          "weaknesses":{"type":"array","items":{"type":"string"}}}}
        """);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
