using System.Text;
using PromptOptimizer.LocalSources;

namespace PromptOptimizer.Tests.LocalSources;

public sealed class DocumentReaderTests
{
    [Fact]
    public void Read_Html_MainTextOnlySplitAtItsHeadings()
    {
        var html = File.ReadAllBytes(Path.Combine(SampleLibrary.RepositoryLibrary, "access-control.html"));

        var read = DocumentReader.Read("access-control.html", html);

        Assert.Null(read.SkipReason);
        Assert.Equal(["access-control.html#broken-access-control", "access-control.html#deny-by-default"], read.Passages.Select(p => p.Citation));
        Assert.DoesNotContain(read.Passages, p => p.Text.Contains("analytics", StringComparison.Ordinal) || p.Text.Contains("Log in", StringComparison.Ordinal) || p.Text.Contains("Cookie settings", StringComparison.Ordinal));
        Assert.Contains("Centralise authorization checks in one place.", read.Passages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Pdf_APassagePerPageNamingThePage()
    {
        var read = DocumentReader.Read("docs/h.pdf", SampleLibrary.WritePdf(["First page words.", "Second page words."]));

        Assert.Equal(["docs/h.pdf#page=1", "docs/h.pdf#page=2"], read.Passages.Select(p => p.Citation));
        Assert.Equal(["docs/h.pdf, page 1", "docs/h.pdf, page 2"], read.Passages.Select(p => p.Title));
        Assert.Equal("Second page words.", read.Passages[1].Text);
    }

    [Fact]
    public void Read_TextWithByteOrderMark_ReadsTheText()
    {
        var read = DocumentReader.Read("bom.md", [.. Encoding.UTF8.GetPreamble(), .. "# Title\n\nBody."u8.ToArray()]);

        Assert.Equal("bom.md#title", Assert.Single(read.Passages).Citation);
    }

    [Fact]
    public void Read_OnlyWhitespace_SkippedAsHavingNoText()
    {
        Assert.Equal("no text in it", DocumentReader.Read("blank.md", "  \n\n  "u8.ToArray()).SkipReason);
    }

    [Theory]
    [InlineData("a.md", true)]
    [InlineData("a.MARKDOWN", true)]
    [InlineData("a.txt", true)]
    [InlineData("a.htm", true)]
    [InlineData("a.pdf", true)]
    [InlineData("a.png", false)]
    [InlineData("Makefile", false)]
    public void IsSupported_ByExtension(string path, bool expected) => Assert.Equal(expected, DocumentReader.IsSupported(path));
}
