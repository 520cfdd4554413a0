namespace PromptOptimizer.Cards;

/// <summary>One <c>{{cN::answer::hint}}</c> in a cloze text.</summary>
internal readonly record struct ClozeDeletion(int Number, string Answer, string? Hint);
