namespace PromptOptimizer.Export;

/// <summary>What a writer wrote; <see cref="Problems"/> name each card it could not use (counted in <see cref="SkippedCards"/>).</summary>
internal sealed record ExportWriteCounts(int Topics, int Notes, int Cards, int SkippedCards, IReadOnlyList<ExportProblem> Problems);
