using PromptOptimizer.Cards;

namespace PromptOptimizer.Tests.Cards;

public sealed class ClozeSyntaxTests
{
    private const string Stray = "text has a stray \"{{\" or \"}}\" outside a valid {{cN::answer}} deletion";
    private const string Nested = "text has a nested or unterminated deletion; write each as {{cN::answer}}, none inside another";

    [Fact]
    public void Parse_DeletionsWithHint_ReadsNumberAnswerAndHint()
    {
        var deletions = ClozeSyntax.Parse("{{c1::Paris::city}} is in {{c2::France}}");

        Assert.Equal([new ClozeDeletion(1, "Paris", "city"), new ClozeDeletion(2, "France", null)], deletions);
    }

    [Fact]
    public void Parse_NumberTooLongForAnInt_ReadsAsZero() =>
        Assert.Equal([new ClozeDeletion(0, "a", null)], ClozeSyntax.Parse("{{c99999999999::a}}"));

    [Fact]
    public void CardNumbers_RepeatedAndUnorderedNumbers_AreDistinctAscending() =>
        Assert.Equal([1, 3], ClozeSyntax.CardNumbers("{{c3::a}} {{c1::b}} {{c3::c}} {{c0::d}}"));

    [Fact]
    public void Reveal_Deletions_ReplacedByAnswers() =>
        Assert.Equal("Paris is in France", ClozeSyntax.Reveal("{{c1::Paris::city}} is in {{c2::France}}"));

    [Theory]
    [InlineData("{{c1::Paris}} is the capital of France.")]
    [InlineData("{{c1::Paris::city}} is in {{c2::France}}; {{c1::it}} is big.")]
    [InlineData("{{c2::b}} then {{c1::a}}")]
    [InlineData("{{c1::a}} and {{c2::b}}")]
    [InlineData("{{c1::<b>Paris</b>}} is in {{c2::France &amp; Europe}}")]
    [InlineData("{{c1::a::}}")]
    public void Problem_ValidCloze_ReturnsNull(string text)
    {
        Assert.Null(ClozeSyntax.Problem(text));
    }

    [Theory]
    [InlineData(null, "text has no {{c1::answer}} deletion")]
    [InlineData("", "text has no {{c1::answer}} deletion")]
    [InlineData("Paris is the capital of France.", "text has no {{c1::answer}} deletion")]
    [InlineData("{{c1::}} is empty", "text has no {{c1::answer}} deletion")]
    [InlineData("{{C1::Paris}}", "text has no {{c1::answer}} deletion")]
    [InlineData("{{c1:: }} is blank", "a deletion has an empty answer")]
    [InlineData("{{c1::a}} {{c2::\u00A0::hint}}", "a deletion has an empty answer")]
    [InlineData("{{c2::Paris}} only", "cloze numbers must run c1, c2, ... without gaps, got c2")]
    [InlineData("{{c1::a}} {{c3::b}}", "cloze numbers must run c1, c2, ... without gaps, got c1, c3")]
    [InlineData("{{c0::a}} {{c1::b}}", "cloze numbers must run c1, c2, ... without gaps, got c0, c1")]
    [InlineData("{{c1::a}} {{c99999999999::b}}", "cloze numbers must run c1, c2, ... without gaps, got c0, c1")]
    [InlineData("{{c1::a}} and {{c2:b}}", Stray)]
    [InlineData("{{c1::a}} trailing }}", Stray)]
    [InlineData("{{c1::a}} }}", Stray)]
    [InlineData("{{c1::a}} {{C2::b}}", Stray)]
    [InlineData("{{c1::a}} {{c2::b", Stray)]
    [InlineData("{{c1::a {{c2::b}}", Nested)]
    [InlineData("{{c1::a {{c2::b}} c}}", Stray)]
    [InlineData("{{c1::a::{{c2:b}}", Nested)]
    public void Problem_BadCloze_SaysWhat(string? text, string expected)
    {
        Assert.Equal(expected, ClozeSyntax.Problem(text));
    }

    [Theory]
    [InlineData("{{c1::a{b}}", null)]
    [InlineData("{{c1::{{a}}", null)]
    [InlineData("{ {{c1::a}} {", null)]
    [InlineData("{{{c1::a}}}", null)]
    [InlineData("{{c1::a::{hint}}", null)]
    [InlineData("{{c1::a}}{{", Stray)]
    [InlineData("{{c1::a}}}}", Stray)]
    [InlineData("{{c1::a}} {{c2::b} }", Stray)]
    [InlineData("{{c1::a}}{ {c1::b}}", Stray)]
    [InlineData("{{c1::a}} {{c1::b}} {{c3::c}}", "cloze numbers must run c1, c2, ... without gaps, got c1, c3")]
    [InlineData("{{c3::a}} {{c1::b}} {{c2::c}}", null)]
    [InlineData("{{c\u0661::a}}", "cloze numbers must run c1, c2, ... without gaps, got c0")]
    [InlineData("{{c01::a}}", null)]
    public void Problem_BracesAndNumbersInAnyPlace_SameVerdictAsTheDeletionRules(string text, string? expected)
    {
        Assert.Equal(expected, ClozeSyntax.Problem(text));
    }
}
