using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PromptOptimizer.Bench;

/// <summary>Generated topic files <c>cNNN_bench/tNNNNNN.json</c> (1,000 per category, so directory order is index order).</summary>
internal sealed class TopicTree
{
    private const int PerCategory = 1000;
    private readonly string[] _hashes;

    private TopicTree(string root, string[] hashes)
    {
        Root = root;
        _hashes = hashes;
    }

    public string Root { get; }

    public int Count => _hashes.Length;

    /// <summary>The SHA-256 of topic <paramref name="index"/>'s file, as the CLI records it.</summary>
    public string HashOf(int index) => _hashes[index];

    public static string PathOf(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"c{index / PerCategory:D3}_bench/t{index:D6}.json");

    public static string TitleOf(int index) => string.Create(CultureInfo.InvariantCulture, $"Bench topic {index:D6}");

    public static TopicTree Create(string root, int count)
    {
        var hashes = new string[count];
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(root, PathOf(i));
            if (i % PerCategory == 0)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }

            var bytes = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""
                {
                  "title": "{{TitleOf(i)}}",
                  "description": "Synthetic benchmark topic number {{i}} about caching, queues and back-pressure in distributed systems, used to measure the scheduler.",
                  "keywords": ["caching", "queues", "back-pressure", "topic {{i}}"],
                  "audience": "developers",
                  "difficulty": "intermediate",
                  "card_count": 5
                }
                """));
            File.WriteAllBytes(path, bytes);
            hashes[i] = Convert.ToHexStringLower(SHA256.HashData(bytes));
        }

        return new TopicTree(root, hashes);
    }

    /// <summary>
    /// Writes outputs for topics [from, to) from a real output file, as a crash between writing an output and tracking it
    /// would leave them, so the next run adopts them without calls.
    /// </summary>
    public void WriteAdoptableOutputs(string outputRoot, string templateJson, int from, int to)
    {
        var template = JsonNode.Parse(templateJson) ?? throw new InvalidOperationException("empty template");
        for (var i = from; i < to; i++)
        {
            template["topic"]!["path"] = PathOf(i);
            template["topic"]!["title"] = TitleOf(i);
            template["topic"]!["content_hash"] = _hashes[i];
            var path = Path.Combine(outputRoot, "flashcards", PathOf(i));
            if (i % PerCategory == 0 || i == from)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }

            File.WriteAllText(path, template.ToJsonString());
        }
    }
}
