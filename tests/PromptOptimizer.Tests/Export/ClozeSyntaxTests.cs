using PromptOptimizer.Export;

namespace PromptOptimizer.Tests.Export;

public sealed class ClozeSyntaxTests
{
    [Fact]
    public void Parse_DeletionsWithHint_ReadsNumberAnswerAndHint()
    {
        var deletions = ClozeSyntax.Parse("{{c1::Paris::city}} is in {{c2::France}}");

        Assert.Equal([new ClozeDeletion(1, "Paris", "city"), new ClozeDeletion(2, "France", null)], deletions);
    }

    [Fact]
    public void CardNumbers_RepeatedAndUnorderedNumbers_AreDistinctAscending() =>
        Assert.Equal([1, 3], ClozeSyntax.CardNumbers("{{c3::a}} {{c1::b}} {{c3::c}}"));

    [Theory]
    [InlineData("{{c1::a}} and {{c2::b}}", null)]
    [InlineData("", "cloze card has no text")]
    [InlineData("no deletions", "cloze text has no {{cN::...}} deletion")]
    [InlineData("{{c1::a}} and {{c2:b}}", "cloze text has a malformed deletion (expected {{cN::answer}})")]
    [InlineData("{{c1::a}} and {{c3::b}}", "cloze numbers must run from c1 without gaps, found c1, c3")]
    [InlineData("{{c2::a}}", "cloze numbers must run from c1 without gaps, found c2")]
    public void Validate_Text_ReturnsExpectedError(string text, string? expected) => Assert.Equal(expected, ClozeSyntax.Validate(text));

    [Fact]
    public void Reveal_Deletions_ReplacedByAnswers() =>
        Assert.Equal("Paris is in France", ClozeSyntax.Reveal("{{c1::Paris::city}} is in {{c2::France}}"));
}
