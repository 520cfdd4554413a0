using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptOptimizer.Output;

/// <summary>Writes a <see cref="RunVariant"/> as its short name (<c>exa</c>, <c>web</c>, ...).</summary>
internal sealed class RunVariantJsonConverter : JsonConverter<RunVariant>
{
    public override RunVariant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return RunVariants.TryParse(text, out var variant)
            ? variant
            : throw new JsonException($"Unknown run variant '{text}'; expected one of: exa, web, unified, prompts.");
    }

    public override void Write(Utf8JsonWriter writer, RunVariant value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(RunVariants.ShortNameOf(value));
    }
}
