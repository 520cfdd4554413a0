namespace PromptOptimizer.LocalSources;

/// <summary>A library file left out of the index, and why (<c>encrypted PDF</c>, <c>binary content in a text file</c>, ...).</summary>
internal sealed record IndexWarning(string File, string Reason)
{
    public override string ToString() => $"{File}: {Reason}";
}
