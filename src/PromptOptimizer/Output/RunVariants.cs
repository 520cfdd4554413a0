namespace PromptOptimizer.Output;

/// <summary>What each <see cref="RunVariant"/> makes and what its files and summary are called.</summary>
internal static class RunVariants
{
    /// <summary>Every variant, in declaration order.</summary>
    public static IReadOnlyList<RunVariant> All { get; } = [RunVariant.FlashcardsExa, RunVariant.FlashcardsWeb, RunVariant.Unified, RunVariant.Prompts];

    /// <summary>The product (and tracking mode) a variant makes.</summary>
    public static OutputKind ProductOf(RunVariant variant) => variant switch
    {
        RunVariant.FlashcardsExa or RunVariant.FlashcardsWeb => OutputKind.Flashcards,
        RunVariant.Unified => OutputKind.Unified,
        RunVariant.Prompts => OutputKind.Prompts,
        _ => throw Unknown(variant),
    };

    /// <summary>
    /// Whether a run researches through OpenRouter's web plugin instead of calling Exa directly: always for web-plugin
    /// flashcards, never for direct-Exa flashcards, and for the other variants when <c>--use-web-plugin</c> is given.
    /// </summary>
    public static bool UsesWebResearch(RunVariant variant, bool useWebPlugin) =>
        variant == RunVariant.FlashcardsWeb || (useWebPlugin && variant != RunVariant.FlashcardsExa);

    /// <summary>The checkpoint file name, as the original tool named them.</summary>
    public static string CheckpointFileName(RunVariant variant) => variant switch
    {
        RunVariant.FlashcardsExa => "batch_checkpoint.json",
        RunVariant.FlashcardsWeb => "batch_checkpoint_web.json",
        RunVariant.Unified => "batch_checkpoint_unified.json",
        RunVariant.Prompts => "batch_checkpoint_prompts.json",
        _ => throw Unknown(variant),
    };

    /// <summary>The heading of the end-of-run summary block.</summary>
    public static string TitleOf(RunVariant variant) => variant switch
    {
        RunVariant.FlashcardsExa => "DIRECT EXA BATCH PROCESSING COMPLETE",
        RunVariant.FlashcardsWeb => "WEB PLUGIN BATCH PROCESSING COMPLETE",
        RunVariant.Unified => "UNIFIED BATCH PROCESSING COMPLETE",
        RunVariant.Prompts => "PROMPT BATCH PROCESSING COMPLETE",
        _ => throw Unknown(variant),
    };

    /// <summary>The short name used in checkpoints, lock files and on the command line.</summary>
    public static string ShortNameOf(RunVariant variant) => variant switch
    {
        RunVariant.FlashcardsExa => "exa",
        RunVariant.FlashcardsWeb => "web",
        RunVariant.Unified => "unified",
        RunVariant.Prompts => "prompts",
        _ => throw Unknown(variant),
    };

    /// <summary>Parses a short name (case-insensitive, surrounding spaces ignored).</summary>
    public static bool TryParse(string? text, out RunVariant variant)
    {
        RunVariant? parsed = text?.Trim().ToLowerInvariant() switch
        {
            "exa" => RunVariant.FlashcardsExa,
            "web" => RunVariant.FlashcardsWeb,
            "unified" => RunVariant.Unified,
            "prompts" => RunVariant.Prompts,
            _ => null,
        };
        variant = parsed.GetValueOrDefault();
        return parsed is not null;
    }

    /// <summary>Parses a short name or throws <see cref="FormatException"/> listing the valid ones.</summary>
    public static RunVariant Parse(string text) =>
        TryParse(text, out var variant)
            ? variant
            : throw new FormatException($"Unknown run variant '{text}'; expected one of: exa, web, unified, prompts.");

    private static ArgumentOutOfRangeException Unknown(RunVariant variant) => new(nameof(variant), variant, "Unknown run variant.");
}
