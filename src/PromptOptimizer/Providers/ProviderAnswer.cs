namespace PromptOptimizer.Providers;

/// <summary>One attempt's outcome plus the raw body that came back, kept for inspection.</summary>
internal sealed record ProviderAnswer<T>(T? Value, ProviderError? Error, string? RawBody)
    where T : class
{
    public static ProviderAnswer<T> Ok(T value, string? raw) => new(value, null, raw);

    public static ProviderAnswer<T> Failed(ProviderError error, string? raw = null) => new(null, error, raw);
}
