namespace PromptOptimizer.Output;

/// <summary>
/// The one text form of an <see cref="OutputKind"/> (<c>flashcards</c>, <c>prompts</c>, <c>unified</c>): the product's
/// output folder, its mode in the completion database and its state lock all use it, so they cannot drift apart.
/// </summary>
internal static class OutputKinds
{
    public static string NameOf(OutputKind kind) => kind switch
    {
        OutputKind.Flashcards => "flashcards",
        OutputKind.Prompts => "prompts",
        OutputKind.Unified => "unified",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown output kind."),
    };

    /// <summary>Parses the exact text form (no other case, no spaces, no numbers).</summary>
    public static bool TryParse(string? text, out OutputKind kind)
    {
        foreach (var candidate in Enum.GetValues<OutputKind>())
        {
            if (string.Equals(NameOf(candidate), text, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
