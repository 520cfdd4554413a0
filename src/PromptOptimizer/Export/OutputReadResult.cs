namespace PromptOptimizer.Export;

/// <summary>What reading one output file produced: a topic (possibly with some cards dropped), or only problems.</summary>
/// <param name="FilePath">The file relative to the output directory, forward slashes.</param>
internal sealed record OutputReadResult(string FilePath, ExportTopic? Topic, IReadOnlyList<ExportProblem> Problems)
{
    public bool IsValid => Topic is not null;
}
