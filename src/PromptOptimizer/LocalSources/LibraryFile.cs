namespace PromptOptimizer.LocalSources;

/// <summary>A supported file of the library: its path relative to the library (forward slashes) and the file to read (a link's target).</summary>
internal sealed record LibraryFile(string Relative, FileInfo Info);
