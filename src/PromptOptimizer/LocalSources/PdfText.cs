using UglyToad.PdfPig;

namespace PromptOptimizer.LocalSources;

/// <summary>The text of each page of a PDF, read with PdfPig: the page's words in reading order, joined by spaces.</summary>
internal static class PdfText
{
    /// <summary>Pages numbered from 1 with their text; throws what PdfPig throws for an encrypted or broken file.</summary>
    public static IReadOnlyList<(int Page, string Text)> Pages(byte[] bytes)
    {
        using var document = PdfDocument.Open(bytes);
        var pages = new List<(int, string)>(document.NumberOfPages);
        foreach (var page in document.GetPages())
        {
            pages.Add((page.Number, string.Join(' ', page.GetWords().Select(w => w.Text))));
        }

        return pages;
    }
}
