namespace PromptOptimizer.Export;

/// <summary>Identifies a card across an output directory: its file (relative to the output directory) and card id.</summary>
internal readonly record struct CardKey(string FilePath, string CardId);
