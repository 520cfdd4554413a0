namespace PromptOptimizer.Bench;

/// <summary>Finds the repository (the folder holding <c>PromptOptimizer.slnx</c>) from the working or binary folder.</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PromptOptimizer.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("run the bench inside the repository (PromptOptimizer.slnx not found)");
    }
}
