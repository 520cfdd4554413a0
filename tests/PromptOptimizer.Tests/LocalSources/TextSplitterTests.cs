using PromptOptimizer.LocalSources;

namespace PromptOptimizer.Tests.LocalSources;

public sealed class TextSplitterTests
{
    [Fact]
    public void Split_Markdown_APassagePerSectionAnchoredAtItsHeading()
    {
        var passages = TextSplitter.Split("week3.md", "Intro text.\n\n# TLS Handshake\n\nClient hello.\n\nServer hello.\n\n## Forward secrecy!\n\nEphemeral keys.", markdown: true);

        Assert.Equal(["week3.md", "week3.md#tls-handshake", "week3.md#forward-secrecy"], passages.Select(p => p.Citation));
        Assert.Equal(["week3.md", "week3.md › TLS Handshake", "week3.md › Forward secrecy!"], passages.Select(p => p.Title));
        Assert.Equal("Client hello.\n\nServer hello.", passages[1].Text);
    }

    [Fact]
    public void Split_RepeatedHeadingsAndFencedHashes_UniqueAnchorsAndNoFalseHeadings()
    {
        var passages = TextSplitter.Split("n.md", "# Notes\n\nOne.\n\n# Notes\n\n```\n# not a heading\n```\n\nTwo.", markdown: true);

        Assert.Equal(["n.md#notes", "n.md#notes-1"], passages.Select(p => p.Citation));
        Assert.Contains("# not a heading", passages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_LongParagraph_CutAtWordsIntoPassagesThatFitThePrompt()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 1000));

        var passages = TextSplitter.Split("long.txt", text, markdown: false);

        Assert.True(passages.Count >= 3);
        Assert.All(passages, p => Assert.InRange(p.Text.Length, 1, TextSplitter.MaxPassageChars));
        Assert.Equal(1000, passages.Sum(p => p.Text.Split(' ').Length));
    }

    [Fact]
    public void Split_PlainText_HashLinesAreText()
    {
        var passage = Assert.Single(TextSplitter.Split("a.txt", "# 5 apples\nand pears", markdown: false));

        Assert.Equal(("a.txt", "# 5 apples\nand pears"), (passage.Citation, passage.Text));
    }

    [Fact]
    public void Create_SameTextElsewhere_DifferentHash()
    {
        Assert.NotEqual(LocalPassage.Create("a.md", "x", "t", "body").Hash, LocalPassage.Create("b.md", "x", "t", "body").Hash);
        Assert.Equal(LocalPassage.Create("a.md", "x", "t", "body").Hash, LocalPassage.Create("a.md", "x", "other title", "body").Hash);
    }
}
