using System.Globalization;
using System.Runtime.CompilerServices;
using PromptOptimizer.Cards;

namespace PromptOptimizer.Export;

/// <summary>
/// Finds exact duplicates (same normalised question and answer, anywhere) and near duplicates (token-set Jaccard at
/// or above a threshold, within a category). The later card of a pair is flagged, so dropping flagged cards keeps one.
/// </summary>
/// <remarks>
/// Near duplicates use prefix filtering: with tokens ordered rarest first, two sets with Jaccard ≥ t must share a
/// token among the first <c>|x| - ceil(t·|x|) + 1</c> of each, so only cards sharing a rare token are compared.
/// </remarks>
internal static class DuplicateDetector
{
    public const double NearThreshold = 0.8;

    /// <summary>One finding or null per card, in input order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static QualityFinding?[] Find(IReadOnlyList<DuplicateCandidate> cards, double threshold = NearThreshold)
    {
        ArgumentNullException.ThrowIfNull(cards);
        if (threshold is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be in (0, 1]");
        }

        var findings = new QualityFinding?[cards.Count];
        var tokens = new List<string>[cards.Count];
        var exact = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < cards.Count; i++)
        {
            var prompt = CardText.Tokens(cards[i].Prompt);
            var back = CardText.Tokens(cards[i].Back);
            var key = string.Join(' ', prompt) + "\u001f" + string.Join(' ', back);
            prompt.AddRange(back);
            tokens[i] = prompt;
            if (key.Length == 1)
            {
                continue;
            }

            if (exact.TryGetValue(key, out var first))
            {
                findings[i] = new QualityFinding(QualityCheck.ExactDuplicate, $"same text as {cards[first].Label}");
            }
            else
            {
                exact.Add(key, i);
            }
        }

        foreach (var group in Enumerable.Range(0, cards.Count).GroupBy(i => cards[i].Category, StringComparer.Ordinal))
        {
            FindNear(cards, tokens, group.ToList(), findings, threshold);
        }

        return findings;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FindNear(IReadOnlyList<DuplicateCandidate> cards, List<string>[] tokens, List<int> members, QualityFinding?[] findings, double threshold)
    {
        // Token ids, then document frequency, then a rank per token: rare tokens first.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var sets = new int[members.Count][];
        var frequency = new List<int>();
        for (var m = 0; m < members.Count; m++)
        {
            var set = new HashSet<int>();
            foreach (var token in tokens[members[m]])
            {
                if (!ids.TryGetValue(token, out var id))
                {
                    id = ids.Count;
                    ids.Add(token, id);
                    frequency.Add(0);
                }

                if (set.Add(id))
                {
                    frequency[id]++;
                }
            }

            sets[m] = [.. set];
        }

        var order = Enumerable.Range(0, ids.Count).OrderBy(id => frequency[id]).ThenBy(id => id).ToArray();
        var rank = new int[ids.Count];
        for (var r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }

        var index = new List<int>?[ids.Count];
        var seen = new int[members.Count];
        Array.Fill(seen, -1);
        for (var m = 0; m < members.Count; m++)
        {
            var set = sets[m];
            for (var k = 0; k < set.Length; k++)
            {
                set[k] = rank[set[k]];
            }

            Array.Sort(set);
            if (set.Length == 0)
            {
                continue;
            }

            var prefix = set.Length - (int)Math.Ceiling(threshold * set.Length - 1e-9) + 1;
            if (findings[members[m]] is null)
            {
                CompareWithEarlier(cards, members, sets, index, seen, m, prefix, findings, threshold);
            }

            // An exact duplicate adds nothing new to compare against: its twin is already indexed.
            if (findings[members[m]]?.Check == QualityCheck.ExactDuplicate)
            {
                continue;
            }

            for (var k = 0; k < prefix; k++)
            {
                (index[set[k]] ??= []).Add(m);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CompareWithEarlier(
        IReadOnlyList<DuplicateCandidate> cards, List<int> members, int[][] sets, List<int>?[] index, int[] seen,
        int m, int prefix, QualityFinding?[] findings, double threshold)
    {
        var set = sets[m];
        for (var k = 0; k < prefix; k++)
        {
            var list = index[set[k]];
            if (list is null)
            {
                continue;
            }

            foreach (var other in list)
            {
                if (seen[other] == m)
                {
                    continue;
                }

                seen[other] = m;
                var otherSet = sets[other];
                if (Math.Min(set.Length, otherSet.Length) < threshold * Math.Max(set.Length, otherSet.Length) - 1e-9)
                {
                    continue;
                }

                var similarity = Jaccard(set, otherSet);
                if (similarity + 1e-9 >= threshold && !IsReverse(cards[members[m]], cards[members[other]], threshold))
                {
                    findings[members[m]] = new QualityFinding(QualityCheck.NearDuplicate,
                        $"similar to {cards[members[other]].Label} (Jaccard {similarity.ToString("0.00", CultureInfo.InvariantCulture)})");
                    return;
                }
            }
        }
    }

    // A card and its reverse share every token but ask different things; they complement each other.
    private static bool IsReverse(DuplicateCandidate a, DuplicateCandidate b, double threshold) =>
        CardText.Jaccard(a.Prompt, b.Prompt) < threshold
        && CardText.Jaccard(a.Prompt, b.Back) >= threshold
        && CardText.Jaccard(a.Back, b.Prompt) >= threshold;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Jaccard(int[] a, int[] b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)common / (a.Length + b.Length - common);
    }
}
