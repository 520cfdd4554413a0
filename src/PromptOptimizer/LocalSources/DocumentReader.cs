using System.Text;
using UglyToad.PdfPig.Exceptions;

namespace PromptOptimizer.LocalSources;

/// <summary>
/// Turns one library file's bytes into passages by its kind: Markdown and plain text split at headings and paragraphs,
/// HTML reduced to its main text, PDF split per page. Bad content is a skip reason, never an exception.
/// </summary>
internal static class DocumentReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Whether the file's extension is one the library reads (<c>.md</c>, <c>.markdown</c>, <c>.txt</c>, <c>.html</c>, <c>.htm</c>, <c>.pdf</c>).</summary>
    public static bool IsSupported(string path) => KindOf(path) is not null;

    public static DocumentRead Read(string relativePath, byte[] bytes)
    {
        var kind = KindOf(relativePath) ?? throw new ArgumentException($"Unsupported file type: {relativePath}", nameof(relativePath));
        if (kind == "pdf")
        {
            return ReadPdf(relativePath, bytes);
        }

        // A NUL byte never appears in text: this is a binary file with a text extension.
        if (bytes.AsSpan().IndexOf((byte)0) >= 0)
        {
            return DocumentRead.Skip("binary content in a text file");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return DocumentRead.Skip("not UTF-8 text");
        }

        var passages = kind switch
        {
            "markdown" => TextSplitter.Split(relativePath, text, markdown: true),
            "html" => TextSplitter.Split(relativePath, HtmlText.ToMarkdown(text), markdown: true),
            _ => TextSplitter.Split(relativePath, text, markdown: false),
        };
        return passages.Count == 0 ? DocumentRead.Skip("no text in it") : DocumentRead.Ok(passages);
    }

    private static DocumentRead ReadPdf(string relativePath, byte[] bytes)
    {
        IReadOnlyList<(int Page, string Text)> pages;
        try
        {
            pages = PdfText.Pages(bytes);
        }
        catch (PdfDocumentEncryptedException)
        {
            return DocumentRead.Skip("encrypted PDF (it needs a password)");
        }
#pragma warning disable CA1031 // A parser of untrusted files throws many exception types; any of them means this one file is skipped.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return DocumentRead.Skip("broken PDF: " + ex.Message);
        }

        var passages = new List<LocalPassage>();
        foreach (var (page, text) in pages)
        {
            var number = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
            passages.AddRange(TextSplitter.Split(relativePath, text, markdown: false, "page=" + number, $"{relativePath}, page {number}"));
        }

        return passages.Count == 0 ? DocumentRead.Skip("no text in it (a scanned PDF needs OCR first)") : DocumentRead.Ok(passages);
    }

    private static string? KindOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".md" or ".markdown" => "markdown",
        ".txt" or ".text" => "text",
        ".html" or ".htm" => "html",
        ".pdf" => "pdf",
        _ => null,
    };
}
