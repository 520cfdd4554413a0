using System.Globalization;

namespace PromptOptimizer.Tests.Cli;

/// <summary>Generates small topic trees for tests.</summary>
internal static class TopicFiles
{
    public static string Create(string root, int count, int categories = 2, int cardCount = 5)
    {
        var topics = Path.Combine(root, "topics-" + Guid.NewGuid().ToString("N")[..6]);
        for (var i = 0; i < count; i++)
        {
            var category = Path.Combine(topics, "c" + (i % categories).ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(category);
            File.WriteAllText(Path.Combine(category, $"t{i:00000}.json"),
                $"{{\"title\":\"Generated topic number {i}\",\"description\":\"Topic {i} for tests.\",\"keywords\":[\"alpha{i}\",\"beta\"],\"card_count\":{cardCount}}}");
        }

        return topics;
    }
}
