using System.Security.Cryptography;
using System.Text;
using PromptOptimizer.Topics;

namespace PromptOptimizer.Tests.Topics;

public sealed partial class TopicLoaderTests
{
    private const string Good = "{\"title\":\"Good topic\"}";

    /// <summary>Every broken kind, with the fragment its error must contain.</summary>
    private static readonly Dictionary<string, string> BrokenFiles = new(StringComparer.Ordinal)
    {
        ["010_broken/invalid_json.json"] = "invalid JSON",
        ["010_broken/missing_title.json"] = "missing required field 'title'",
        ["010_broken/empty_title.json"] = "field 'title' is empty",
        ["010_broken/title_number.json"] = "field 'title' must be a string",
        ["010_broken/keywords_string.json"] = "field 'keywords' must be an array of strings, found a string",
        ["010_broken/keywords_number_item.json"] = "found an item that is a number",
        ["010_broken/card_count_string.json"] = "field 'card_count' must be a number, found a string",
        ["010_broken/card_count_fraction.json"] = "field 'card_count' must be a whole number, found 2.5",
        ["010_broken/card_count_zero.json"] = "field 'card_count' is 0",
        ["010_broken/card_count_51.json"] = "field 'card_count' is 51",
        ["010_broken/too_big.json"] = "larger than the 1 MiB limit",
        ["010_broken/not_utf8.json"] = "not valid UTF-8",
        ["010_broken/array_root.json"] = "expected a JSON object, found an array",
        ["010_broken/zz_link_out.json"] = "symbolic link points outside the topics directory",
        ["050_linked_out/outside_topic.json"] = "symbolic link points outside the topics directory",
    };

    [Fact]
    public void LoadAll_MixedDirectory_EachBrokenFileOneInvalidResultAndGoodOnesLoad()
    {
        using var dir = new TopicsDirectory();
        var good = WriteGoodTopics(dir);
        WriteBrokenTopics(dir);
        var loader = new TopicLoader(dir.Root);

        var results = loader.LoadAll().ToList();

        var invalid = results.Where(r => !r.IsValid).ToList();
        Assert.Equal(BrokenFiles.Keys.Order(StringComparer.Ordinal), invalid.Select(r => r.Path).Order(StringComparer.Ordinal));
        foreach (var result in invalid)
        {
            Assert.Contains(BrokenFiles[result.Path], result.Error, StringComparison.Ordinal);
        }

        var valid = results.Where(r => r.IsValid).ToList();
        Assert.Equal(good, valid.Select(r => r.Path));
        foreach (var result in valid)
        {
            var bytes = File.ReadAllBytes(Path.Combine(dir.Root, result.Path));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Topic!.ContentHash);
            Assert.Equal(result.Path, result.Topic.Path);
        }

        // The link inside the topics directory pointing at a file inside it is fine.
        Assert.Contains(valid, r => r.Path == "010_broken/zz_link_in.json" && r.Topic!.Title == "Fine");
    }

    [Fact]
    public void EnumeratePaths_Order_CategoryThenFileNameOrdinalSkippingHiddenAndNonJson()
    {
        using var dir = new TopicsDirectory();
        dir.Write("1_c/a.json", Good);
        dir.Write("010_a/b.json", Good);
        dir.Write("010_a/B.json", Good);
        dir.Write("010_a/_x.json", Good);
        dir.Write("010_a/notes.txt", "not a topic");
        dir.Write("002_b/z.json", Good);
        dir.Write(".hidden/h.json", Good);
        var loader = new TopicLoader(dir.Root);

        var paths = loader.EnumeratePaths().ToList();

        Assert.Equal(["002_b/z.json", "010_a/B.json", "010_a/_x.json", "010_a/b.json", "1_c/a.json"], paths);
        Assert.Equal(paths, loader.LoadAll().Select(r => r.Path));
        Assert.Equal(["002_b", "010_a", "1_c"], loader.EnumerateCategories());
    }

    [Fact]
    public void LoadAll_CategoryFilter_OnlyThoseCategories()
    {
        using var dir = new TopicsDirectory();
        dir.Write("a/one.json", Good);
        dir.Write("b/two.json", Good);
        dir.Write("c/three.json", Good);

        var paths = new TopicLoader(dir.Root).LoadAll(["c", "a"]).Select(r => r.Path).ToList();

        Assert.Equal(["a/one.json", "c/three.json"], paths);
    }

    private static List<string> WriteGoodTopics(TopicsDirectory dir)
    {
        dir.Write("001_alpha/b_second.json", "{\"title\":\"Second\",\"unknown_field\":{\"deep\":[1]}}");
        dir.Write("001_alpha/a_first.json", "{\"title\":\"First\",\"keywords\":[\"k\"],\"card_count\":3}");
        dir.WriteBytes("002_beta/bom.json", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"title\":\"Bom\"}")]);
        dir.Write("010_broken/fine.json", "{\"title\":\"Fine\",\"card_count\":50}");
        File.CreateSymbolicLink(Path.Combine(dir.Root, "010_broken/zz_link_in.json"), Path.Combine(dir.Root, "010_broken/fine.json"));

        // Each broken file is sorted in among these; the order below is what LoadAll must produce for the valid ones.
        return ["001_alpha/a_first.json", "001_alpha/b_second.json", "002_beta/bom.json", "010_broken/fine.json", "010_broken/zz_link_in.json"];
    }

    private static void WriteBrokenTopics(TopicsDirectory dir)
    {
        dir.Write("010_broken/invalid_json.json", "{\"title\": \"unterminated");
        dir.Write("010_broken/missing_title.json", "{\"description\":\"no title here\"}");
        dir.Write("010_broken/empty_title.json", "{\"title\":\" \\t \"}");
        dir.Write("010_broken/title_number.json", "{\"title\":12}");
        dir.Write("010_broken/keywords_string.json", "{\"title\":\"t\",\"keywords\":\"a,b\"}");
        dir.Write("010_broken/keywords_number_item.json", "{\"title\":\"t\",\"keywords\":[\"a\",1]}");
        dir.Write("010_broken/card_count_string.json", "{\"title\":\"t\",\"card_count\":\"10\"}");
        dir.Write("010_broken/card_count_fraction.json", "{\"title\":\"t\",\"card_count\":2.5}");
        dir.Write("010_broken/card_count_zero.json", "{\"title\":\"t\",\"card_count\":0}");
        dir.Write("010_broken/card_count_51.json", "{\"title\":\"t\",\"card_count\":51}");
        dir.Write("010_broken/too_big.json", "{\"title\":\"t\",\"pad\":\"" + new string('x', (int)TopicLoader.MaxFileBytes) + "\"}");
        dir.WriteBytes("010_broken/not_utf8.json", [.. "{\"title\":\"na"u8, 0xEF, 0x28, .. "\"}"u8]);
        dir.Write("010_broken/array_root.json", "[{\"title\":\"t\"}]");

        var secret = Path.Combine(dir.Outside, "secret.json");
        File.WriteAllText(secret, "{\"title\":\"Secret outside\"}");
        File.CreateSymbolicLink(Path.Combine(dir.Root, "010_broken/zz_link_out.json"), secret);

        var outsideCategory = Path.Combine(dir.Outside, "category");
        Directory.CreateDirectory(outsideCategory);
        File.WriteAllText(Path.Combine(outsideCategory, "outside_topic.json"), "{\"title\":\"Outside category\"}");
        Directory.CreateSymbolicLink(Path.Combine(dir.Root, "050_linked_out"), outsideCategory);
    }
}
