using PromptOptimizer.Output;

namespace PromptOptimizer.Validation;

/// <summary>Resolves what a model cited (an id such as <c>s1</c>, or a URL) to the id of a retrieved source.</summary>
internal sealed class SourceIndex
{
    private const int MaxListedIds = 8;

    private readonly Dictionary<string, string> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _byUrl = new(StringComparer.Ordinal);

    public SourceIndex(IReadOnlyList<SourceDocument> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        foreach (var source in sources)
        {
            _byId.TryAdd(source.Id.Trim(), source.Id);
            if (!string.IsNullOrWhiteSpace(source.Url))
            {
                _byUrl.TryAdd(TrimUrl(source.Url), source.Id);
            }
        }

        var ids = sources.Select(s => s.Id).ToList();
        Described = ids.Count switch
        {
            0 => "no sources were retrieved",
            <= MaxListedIds => "use " + string.Join(", ", ids) + " or their URLs",
            _ => $"use {ids[0]} to {ids[^1]} or their URLs",
        };
    }

    /// <summary>A short hint naming the citable sources, for messages.</summary>
    public string Described { get; }

    /// <summary>The source id for a citation, or null when it names nothing that was retrieved.</summary>
    public string? Resolve(string citation)
    {
        // Models often echo the prompt's "[S1]" notation.
        var key = citation.Trim().Trim('[', ']').Trim();
        if (key.Length == 0)
        {
            return null;
        }

        if (_byId.TryGetValue(key, out var id))
        {
            return id;
        }

        return _byUrl.GetValueOrDefault(TrimUrl(key));
    }

    private static string TrimUrl(string url) => url.Trim().TrimEnd('/');
}
