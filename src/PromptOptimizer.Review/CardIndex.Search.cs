using Microsoft.Data.Sqlite;
using PromptOptimizer.Output;

namespace PromptOptimizer.Review;

/// <summary>
/// The search box's reads, kept to a bounded amount of work however many cards match: a keystroke ranks at most
/// <see cref="SearchPool"/> matches and counts at most one more, so a word in every card costs what a rare one costs.
/// </summary>
/// <remarks>
/// Each product's cards have their own band of row ids (<see cref="BandOf"/>), so the full-text index itself keeps a
/// search to one product with a row id range, instead of joining every match with <c>cards</c> to read its mode.
/// BM25 is computed per match, so ranking every match of a common word costs the whole index; a query broader than
/// the pool ranks its newest <see cref="SearchPool"/> matches (the cards a run wrote last, which a reviewer is
/// most likely looking at) and reports a capped total.
/// </remarks>
internal sealed partial class CardIndex
{
    /// <summary>The most matches a search ranks and counts; a broader query's total is this number and is marked capped.</summary>
    public const int SearchPool = 1000;

    private const int BandBits = 40;

    /// <summary>Cards of one product whose text matches every word of <paramref name="query"/> (the last as a prefix), best first.</summary>
    public async Task<CardSearchResult> SearchAsync(OutputKind mode, string query, int offset, int limit, CancellationToken cancellationToken)
    {
        var match = MatchExpression(query);
        if (match.Length == 0)
        {
            return new CardSearchResult([], 0, false);
        }

        var (low, high) = BandOf(mode);
        void Bind(SqliteCommand c)
        {
            c.Parameters.AddWithValue("$match", match);
            c.Parameters.AddWithValue("$low", low);
            c.Parameters.AddWithValue("$high", high);
            c.Parameters.AddWithValue("$pool", SearchPool);
            c.Parameters.AddWithValue("$offset", Math.Max(0, offset));
            c.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 200));
        }

        var counted = (await ReadAsync(
            "SELECT count(*) FROM (SELECT rowid FROM cards_fts WHERE cards_fts MATCH $match AND rowid BETWEEN $low AND $high LIMIT $pool + 1);",
            Bind, r => r.GetInt32(0), cancellationToken).ConfigureAwait(false))[0];
        if (counted == 0 || offset >= SearchPool)
        {
            return new CardSearchResult([], Math.Min(counted, SearchPool), counted > SearchPool);
        }

        // Rank inside the full-text index, then read only the page's rows from cards and files.
        var cards = await ReadAsync(
            """
            SELECT c.mode, f.topic_path, f.title, f.content_hash, c.card_id, c.type, c.front, c.back, c.text
            FROM (SELECT id, rank FROM (
                    SELECT rowid AS id, rank FROM cards_fts WHERE cards_fts MATCH $match AND rowid BETWEEN $low AND $high
                    ORDER BY rowid DESC LIMIT $pool)
                  ORDER BY rank, id DESC LIMIT $limit OFFSET $offset) m
            JOIN cards c ON c.id = m.id JOIN files f ON f.mode = c.mode AND f.file_path = c.file_path
            ORDER BY m.rank, m.id DESC;
            """,
            Bind,
            r => new IndexedCard(Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3),
                new Flashcard(r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), [], "", [])),
            cancellationToken).ConfigureAwait(false);
        return new CardSearchResult(cards, Math.Min(counted, SearchPool), counted > SearchPool);
    }

    /// <summary>Every word quoted (FTS5 syntax in the query is text, not operators); the last one also matches as a prefix.</summary>
    public static string MatchExpression(string? query)
    {
        var words = (query ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"").ToList();
        return words.Count == 0 ? "" : string.Join(' ', words) + "*";
    }

    /// <summary>The row ids a product's cards take, in <c>cards</c> and <c>cards_fts</c> alike.</summary>
    private static (long Low, long High) BandOf(OutputKind mode)
    {
        var low = (long)Array.IndexOf(Modes, mode) << BandBits;
        return (low, low + (1L << BandBits) - 1);
    }
}
