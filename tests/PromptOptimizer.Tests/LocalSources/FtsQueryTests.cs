using PromptOptimizer.LocalSources;

namespace PromptOptimizer.Tests.LocalSources;

public sealed class FtsQueryTests
{
    [Fact]
    public void From_Query_DistinctQuotedWordsWithoutStopWordsOrSyntax()
    {
        Assert.Equal("\"tls\" \"handshake\" \"rfc\" \"8446\"".Replace("\" \"", "\" OR \"", StringComparison.Ordinal),
            FtsQuery.From("What is the TLS handshake? (RFC 8446) tls AND \"handshake\" -x"));
    }

    [Fact]
    public void From_OnlyStopWordsAndPunctuation_Empty() => Assert.Equal("", FtsQuery.From("how is it? a - * :"));

    [Theory]
    [InlineData("validation", "validate")]
    [InlineData("keys", "key")]
    [InlineData("Handshakes", "handshake")]
    public void RoughStem_WordForms_CountOnce(string a, string b) => Assert.Equal(FtsQuery.RoughStem(a), FtsQuery.RoughStem(b));

    [Theory]
    [InlineData(9.0, 1, 6, false)]
    [InlineData(9.0, 2, 6, true)]
    [InlineData(3.9, 5, 6, false)]
    [InlineData(9.0, 3, 13, false)]
    [InlineData(9.0, 4, 13, true)]
    [InlineData(9.0, 1, 1, true)]
    public void IsRelevant_ScoreAndSharedWords(double score, int matched, int terms, bool expected)
    {
        var hit = new ScoredPassage(LocalPassage.Create("a.md", "", "a.md", "text"), score, matched, terms);

        Assert.Equal(expected, hit.IsRelevant(LocalSourceOptions.DefaultMinScore));
    }
}
