namespace PromptOptimizer.Export;

/// <summary>Something that was left out of an export or report, and why.</summary>
/// <param name="Path">The file relative to the output directory (or the directory) the problem is in.</param>
internal sealed record ExportProblem(string Path, string Problem)
{
    public override string ToString() => $"{Path}: {Problem}";
}
