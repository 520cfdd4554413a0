namespace PromptOptimizer.Export;

/// <summary>Quoting shared by CSV (RFC 4180) and Anki's text import: quote only when needed, double inner quotes.</summary>
internal static class DelimitedField
{
    public static string Format(string? value, char separator)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var needsQuotes = false;
        foreach (var c in value)
        {
            if (c == separator || c is '"' or '\n' or '\r')
            {
                needsQuotes = true;
                break;
            }
        }

        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Joins formatted fields with the separator.</summary>
    public static string Join(char separator, params ReadOnlySpan<string?> values)
    {
        var parts = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            parts[i] = Format(values[i], separator);
        }

        return string.Join(separator, parts);
    }
}
