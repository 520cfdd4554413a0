using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace PromptOptimizer.Validation;

/// <summary>Tolerant field access for model JSON: property names match case-insensitively, null counts as missing.</summary>
internal static class JsonFields
{
    /// <summary>The property's value, or false when it is absent or JSON null.</summary>
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object)
        {
            if (obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
            {
                return true;
            }

            // Optional fields are usually absent, so this scan runs for most of them: names are compared in place
            // rather than allocated as strings.
            var asciiName = Ascii.IsValid(name);
            foreach (var property in obj.EnumerateObject())
            {
                if (NameEquals(property, name, asciiName) && property.Value.ValueKind != JsonValueKind.Null)
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>The JSON kind in words, for messages such as "must be a string, got a number".</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>
    /// <see cref="StringComparison.OrdinalIgnoreCase"/> on the property's name. Between two ASCII strings that is ASCII
    /// case folding, so an unescaped ASCII name is compared on its raw UTF-8 bytes; anything else (escapes, non-ASCII
    /// letters, whose case folding can reach ASCII) takes the decoded name.
    /// </summary>
    private static bool NameEquals(JsonProperty property, string name, bool asciiName)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (asciiName && raw.IndexOf((byte)'\\') < 0 && Ascii.IsValid(raw))
        {
            return Ascii.EqualsIgnoreCase(raw, name);
        }

        return string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase);
    }
}
