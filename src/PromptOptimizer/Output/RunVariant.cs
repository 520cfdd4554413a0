namespace PromptOptimizer.Output;

/// <summary>The kinds of batch run; each has its own checkpoint file and state lock (see <see cref="RunVariants"/>).</summary>
internal enum RunVariant
{
    FlashcardsExa,
    FlashcardsWeb,
    Unified,
    Prompts,
}
