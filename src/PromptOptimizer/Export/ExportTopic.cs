using PromptOptimizer.Output;

namespace PromptOptimizer.Export;

/// <summary>One output document normalised for export, whatever product made it.</summary>
/// <param name="Topic">The topic reference; its path is the identity that note guids are derived from.</param>
/// <param name="Category">The category folder the file was found in.</param>
/// <param name="Name">The file name without <c>.json</c>.</param>
/// <param name="FilePath">The file relative to the output directory, forward slashes (<c>flashcards/cat/name.json</c>).</param>
/// <param name="Cards">Cards with no null members (empty strings and lists instead).</param>
/// <param name="SystemPrompt">The optimized system prompt for prompts and unified outputs; null for flashcards.</param>
internal sealed record ExportTopic(
    TopicReference Topic,
    string Category,
    string Name,
    string FilePath,
    IReadOnlyList<SourceDocument> Sources,
    IReadOnlyList<Flashcard> Cards,
    string? SystemPrompt,
    DateTimeOffset GeneratedAt)
{
    /// <summary>Finds a cited source by id (ordinal).</summary>
    public SourceDocument? FindSource(string id)
    {
        foreach (var source in Sources)
        {
            if (string.Equals(source.Id, id, StringComparison.Ordinal))
            {
                return source;
            }
        }

        return null;
    }

    /// <summary>The sources a card cites that exist in this document, in citation order, without repeats.</summary>
    public IReadOnlyList<SourceDocument> CitedSources(Flashcard card)
    {
        var cited = new List<SourceDocument>();
        foreach (var id in card.SourceIds)
        {
            var source = FindSource(id);
            if (source is not null && !cited.Contains(source))
            {
                cited.Add(source);
            }
        }

        return cited;
    }
}
