using System.Globalization;
using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace PromptOptimizer.Bench;

/// <summary>
/// A deterministic library for the local-sources scenario: pages (Markdown sections and PDF pages) each about one
/// subject, named by three invented terms. Every term recurs on many pages, so only the combination names a page,
/// and pages also mention other pages' terms in passing: a labelled query (a page's three terms plus filler words)
/// has exactly one right answer, which the search must rank in its top 5 against pages sharing one or two terms.
/// </summary>
internal sealed class LocalCorpus
{
    private const int Terms = 600;
    private static readonly string[] Syllables = ["ka", "lo", "mi", "ne", "su", "ra", "to", "vi", "pe", "zu", "do", "fa", "gi", "ho", "ju", "be", "ny", "qua", "sti", "wor"];
    private static readonly string[] Filler =
    [
        "the", "system", "keeps", "a", "record", "of", "each", "step", "and", "checks", "its", "result", "before", "the", "next", "one", "starts",
        "operators", "review", "the", "process", "weekly", "while", "the", "team", "documents", "what", "changed", "and", "why", "it", "matters",
    ];

    private readonly string[] _terms = Enumerable.Range(0, Terms).Select(Term).ToArray();
    private readonly HashSet<(int, int, int)> _subjects = [];

    /// <summary>The labelled pairs: a query and the citation (<c>file#anchor</c>) of the page it is about.</summary>
    public List<(string Query, string Page)> Labels { get; } = [];

    /// <summary>Writes <paramref name="markdownPages"/> Markdown sections and <paramref name="pdfPages"/> PDF pages; labels every <paramref name="labelEvery"/>th page.</summary>
    public static LocalCorpus Write(string folder, int markdownPages, int pdfPages, int pagesPerFile, int labelEvery)
    {
        var corpus = new LocalCorpus();
        Directory.CreateDirectory(folder);
        var page = 0;
        for (var file = 0; file * pagesPerFile < markdownPages; file++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"notes-{file:0000}.md");
            var text = new StringBuilder();
            for (var section = 0; section < pagesPerFile && file * pagesPerFile + section < markdownPages; section++, page++)
            {
                var heading = string.Create(CultureInfo.InvariantCulture, $"Section {page}");
                var subject = corpus.NextSubject(page);
                text.Append("# ").Append(heading).Append("\n\n").Append(corpus.PageText(page, subject)).Append("\n\n");
                corpus.Label(page, subject, labelEvery, $"{name}#section-{page}");
            }

            File.WriteAllText(Path.Combine(folder, name), text.ToString());
        }

        for (var file = 0; file * pagesPerFile < pdfPages; file++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"handbook-{file:0000}.pdf");
            var texts = new List<string>();
            for (var number = 1; number <= pagesPerFile && file * pagesPerFile + number <= pdfPages; number++, page++)
            {
                var subject = corpus.NextSubject(page);
                texts.Add(corpus.PageText(page, subject));
                corpus.Label(page, subject, labelEvery, string.Create(CultureInfo.InvariantCulture, $"{name}#page={number}"));
            }

            File.WriteAllBytes(Path.Combine(folder, name), Pdf(texts));
        }

        return corpus;
    }

    /// <summary>A PDF with one A4 page per text, in Helvetica, lines wrapped at 85 characters (also the tests' sample handbook).</summary>
    public static byte[] Pdf(IEnumerable<string> pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = 780.0;
            foreach (var line in Lines(text, 85))
            {
                page.AddText(line, 11, new PdfPoint(50, y), font);
                y -= 16;
            }
        }

        return builder.Build();
    }

    private void Label(int page, (string, string, string) subject, int every, string citation)
    {
        if (page % every == 0)
        {
            var (a, b, c) = subject;
            Labels.Add(($"how does {a} work with {b} and {c}", citation));
        }
    }

    /// <summary>
    /// The next page's three terms, distinct, never the same three as another page's in any order. The first two alone
    /// name the page: the first fixes <c>page % 600</c> (7 is prime to 600) and the second, given the first, fixes
    /// <c>page / 600</c> modulo the prime 599, while each term still recurs every few hundred pages. The third is moved
    /// on when its three would repeat an earlier page's.
    /// </summary>
    private (string, string, string) NextSubject(int page)
    {
        if (page != _subjects.Count || page >= Terms * (Terms - 1))
        {
            throw new InvalidOperationException($"page {page}: subjects are made in page order, for at most {Terms * (Terms - 1)} pages");
        }

        var (round, turn) = (page % Terms, page / Terms);
        var a = round * 7 % Terms;
        var b = (a + 1 + (round * 13 + turn * 77 + 5) % (Terms - 1)) % Terms;
        var c = (round * 31 + turn * 19 + 11) % Terms;
        for (var tries = 0; c == a || c == b || _subjects.Contains(Sorted(a, b, c)); tries++, c = (c + 1) % Terms)
        {
            if (tries == Terms)
            {
                throw new InvalidOperationException($"page {page}: every third term repeats another page's subject");
            }
        }

        _subjects.Add(Sorted(a, b, c));
        return (_terms[a], _terms[b], _terms[c]);
    }

    private static (int, int, int) Sorted(int a, int b, int c)
    {
        Span<int> three = [a, b, c];
        three.Sort();
        return (three[0], three[1], three[2]);
    }

    /// <summary>About 600 characters: the subject's three terms twice, filler, and three other pages' terms once each.</summary>
    private string PageText(int page, (string, string, string) subject)
    {
        var (a, b, c) = subject;
        var random = new Random(page);
        var text = new StringBuilder($"This page explains {a} together with {b} and {c}. ");
        for (var sentence = 0; sentence < 5; sentence++)
        {
            for (var word = 0; word < 12; word++)
            {
                text.Append(Filler[random.Next(Filler.Length)]).Append(' ');
            }

            text.Append(sentence switch { 1 => a, 3 => _terms[random.Next(Terms)], _ => _terms[random.Next(Terms)] }).Append(". ");
        }

        return text.Append($"In short, {c} depends on {b} and on {a}.").ToString();
    }

    private static string Term(int index)
    {
        var word = new StringBuilder();
        for (var i = index + Syllables.Length; i > 0; i /= Syllables.Length)
        {
            word.Append(Syllables[i % Syllables.Length]);
        }

        return word.Append('x').ToString();
    }

    private static IEnumerable<string> Lines(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
