namespace PromptOptimizer.Export;

/// <summary>One failed check on one card, with a short human explanation.</summary>
internal readonly record struct QualityFinding(QualityCheck Check, string Detail);
