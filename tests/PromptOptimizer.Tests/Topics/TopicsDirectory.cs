using System.Text;

namespace PromptOptimizer.Tests.Topics;

/// <summary>A temp folder holding a topics directory and a sibling folder outside it, deleted on dispose.</summary>
internal sealed class TopicsDirectory : IDisposable
{
    public TopicsDirectory()
    {
        Base = Path.Combine(Path.GetTempPath(), "po-topics-" + Guid.NewGuid().ToString("N"));
        Root = Path.Combine(Base, "topics");
        Outside = Path.Combine(Base, "outside");
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Outside);
    }

    public string Base { get; }

    /// <summary>The topics directory given to the loader.</summary>
    public string Root { get; }

    /// <summary>A folder next to the topics directory, for link targets that escape it.</summary>
    public string Outside { get; }

    public string Write(string relativePath, string text) => WriteBytes(relativePath, Encoding.UTF8.GetBytes(text));

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Base, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }
}
