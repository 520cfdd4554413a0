namespace PromptOptimizer.Providers;

/// <summary>Removes known API keys from any text before it is shown, logged or stored.</summary>
internal sealed class SecretRedactor
{
    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string?> secrets)
    {
        // Very short values would redact ordinary words; real keys are long.
        _secrets = secrets.Where(s => !string.IsNullOrEmpty(s) && s!.Length >= 8).Select(s => s!).Distinct().ToArray();
    }

    public static SecretRedactor None { get; } = new([]);

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "[REDACTED]", StringComparison.Ordinal);
        }

        return text;
    }

    public string? RedactOrNull(string? text) => text is null ? null : Redact(text);
}
