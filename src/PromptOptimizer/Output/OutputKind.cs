namespace PromptOptimizer.Output;

/// <summary>The product a run makes; also the tracking key, so a topic done once for a product is never bought again.</summary>
internal enum OutputKind
{
    Flashcards,
    Prompts,
    Unified,
}
