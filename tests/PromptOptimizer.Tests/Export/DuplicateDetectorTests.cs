using PromptOptimizer.Cards;
using PromptOptimizer.Export;

namespace PromptOptimizer.Tests.Export;

public sealed class DuplicateDetectorTests
{
    [Fact]
    public void Find_SimilarityAroundThreshold_FlagsOnlyPairsAtOrAboveIt()
    {
        var cards = new[]
        {
            new DuplicateCandidate("c", "a", "what port does https use by default", "443"),
            new DuplicateCandidate("c", "b", "what port does https normally use by default", "443"), // 8/9
            new DuplicateCandidate("c", "c", "what port does ssh use by default", "22"), // 6/10 with a
            new DuplicateCandidate("d", "d", "what port does https use by default", "port 443"), // other category
        };

        var findings = DuplicateDetector.Find(cards);

        Assert.Null(findings[0]);
        Assert.Equal(QualityCheck.NearDuplicate, findings[1]?.Check);
        Assert.Equal("similar to a (Jaccard 0.89)", findings[1]?.Detail);
        Assert.Null(findings[2]);
        Assert.Null(findings[3]);
    }

    [Fact]
    public void Find_CardAndItsReverse_AreNotDuplicates()
    {
        var findings = DuplicateDetector.Find(
        [
            new DuplicateCandidate("c", "a", "Which city is the capital of France?", "Paris"),
            new DuplicateCandidate("c", "b", "Paris", "Which city is the capital of France?"),
        ]);

        Assert.All(findings, f => Assert.Null(f));
    }

    [Fact]
    public void Find_RandomCards_MatchesBruteForce()
    {
        var cards = RandomCards(new Random(7), 400, vocabulary: 14, categories: 3);

        var fast = DuplicateDetector.Find(cards).Select(f => f?.Check).ToList();

        var keys = cards.Select(c => CardText.TokenKey(c.Prompt) + "|" + CardText.TokenKey(c.Back)).ToList();
        var all = cards.Select(c => Set(c.Prompt + " " + c.Back)).ToList();
        var prompts = cards.Select(c => Set(c.Prompt)).ToList();
        var backs = cards.Select(c => Set(c.Back)).ToList();
        const double t = DuplicateDetector.NearThreshold;
        var expected = new List<QualityCheck?>();
        for (var i = 0; i < cards.Count; i++)
        {
            if (keys.Take(i).Contains(keys[i]))
            {
                expected.Add(QualityCheck.ExactDuplicate);
                continue;
            }

            var near = Enumerable.Range(0, i).Any(j => cards[j].Category == cards[i].Category
                && Jaccard(all[i], all[j]) >= t
                && !(Jaccard(prompts[i], prompts[j]) < t && Jaccard(prompts[i], backs[j]) >= t && Jaccard(backs[i], prompts[j]) >= t));
            expected.Add(near ? QualityCheck.NearDuplicate : null);
        }

        Assert.Equal(expected, fast);
        Assert.Contains(QualityCheck.NearDuplicate, fast);
        Assert.Contains(null, fast);
    }

    [Fact]
    public void Find_TenThousandCards_FlagsTheOneNearDuplicate()
    {
        var cards = RandomCards(new Random(11), 10_000, vocabulary: 3_000, categories: 5);
        cards[9_999] = cards[9_999] with { Category = cards[10].Category, Prompt = cards[10].Prompt + " extra", Back = cards[10].Back };

        var findings = DuplicateDetector.Find(cards);

        Assert.Equal(QualityCheck.NearDuplicate, findings[9_999]?.Check);
    }

    private static HashSet<string> Set(string text) => CardText.Tokens(text).ToHashSet(StringComparer.Ordinal);

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }

        var common = a.Count(b.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    private static List<DuplicateCandidate> RandomCards(Random random, int count, int vocabulary, int categories)
    {
        var cards = new List<DuplicateCandidate>(count);
        for (var i = 0; i < count; i++)
        {
            var words = Enumerable.Range(0, random.Next(4, 10)).Select(_ => "w" + random.Next(vocabulary)).ToList();
            var split = random.Next(1, words.Count);
            cards.Add(new DuplicateCandidate("cat" + random.Next(categories), "card" + i, string.Join(' ', words.Take(split)), string.Join(' ', words.Skip(split))));
        }

        return cards;
    }
}
