namespace PromptOptimizer.Providers;

/// <summary>Where a provider lives and the key to use. <see cref="ToString"/> never shows the key.</summary>
internal sealed record ProviderEndpoint
{
    public ProviderEndpoint(Uri baseUri, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Base URL must be an absolute http(s) URL: {baseUri}", nameof(baseUri));
        }

        // A trailing slash makes relative paths append instead of replacing the last segment.
        BaseUri = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        ApiKey = apiKey;
    }

    public Uri BaseUri { get; }

    public string? ApiKey { get; }

    public override string ToString() => BaseUri.AbsoluteUri;
}
