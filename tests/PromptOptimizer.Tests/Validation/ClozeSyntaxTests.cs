using PromptOptimizer.Validation;

namespace PromptOptimizer.Tests.Validation;

public sealed class ClozeSyntaxTests
{
    [Theory]
    [InlineData("{{c1::Paris}} is the capital of France.")]
    [InlineData("{{c1::Paris::city}} is in {{c2::France}}; {{c1::it}} is big.")]
    [InlineData("{{c2::b}} then {{c1::a}}")]
    public void Problem_ValidCloze_ReturnsNull(string text)
    {
        Assert.Null(ClozeSyntax.Problem(text));
    }

    [Theory]
    [InlineData("Paris is the capital of France.", "text has no {{c1::answer}} deletion")]
    [InlineData("{{c1::}} is empty", "text has no {{c1::answer}} deletion")]
    [InlineData("{{c2::Paris}} only", "cloze numbers must run c1, c2, ... without gaps, got c2")]
    [InlineData("{{c1::a}} {{c3::b}}", "cloze numbers must run c1, c2, ... without gaps, got c1, c3")]
    [InlineData("{{c0::a}} {{c1::b}}", "cloze numbers must run c1, c2, ... without gaps, got c0, c1")]
    [InlineData("{{c1::a}} and {{c2:b}}", "text has a stray \"{{\" or \"}}\" outside a valid {{cN::answer}} deletion")]
    [InlineData("{{c1::a}} trailing }}", "text has a stray \"{{\" or \"}}\" outside a valid {{cN::answer}} deletion")]
    [InlineData("{{c1::a}} {{c99999999999::b}}", "cloze numbers must run c1, c2, ... without gaps, got c0, c1")]
    public void Problem_BadCloze_SaysWhat(string text, string expected)
    {
        Assert.Equal(expected, ClozeSyntax.Problem(text));
    }

    [Theory]
    [InlineData("{{c1::a{b}}", null)]
    [InlineData("{{c1::{{a}}", null)]
    [InlineData("{ {{c1::a}} {", null)]
    [InlineData("{{{c1::a}}}", null)]
    [InlineData("{{c1::a::{hint}}", null)]
    [InlineData("{{c1::a}}{{", "text has a stray \"{{\" or \"}}\" outside a valid {{cN::answer}} deletion")]
    [InlineData("{{c1::a}}}}", "text has a stray \"{{\" or \"}}\" outside a valid {{cN::answer}} deletion")]
    [InlineData("{{c1::a}} {{c2::b} }", "text has a stray \"{{\" or \"}}\" outside a valid {{cN::answer}} deletion")]
    [InlineData("{{c1::a}}{ {c1::b}}", "text has a stray \"{{\" or \"}}\" outside a valid {{cN::answer}} deletion")]
    [InlineData("{{c1::a}} {{c1::b}} {{c3::c}}", "cloze numbers must run c1, c2, ... without gaps, got c1, c3")]
    [InlineData("{{c3::a}} {{c1::b}} {{c2::c}}", null)]
    [InlineData("{{c\u0661::a}}", "cloze numbers must run c1, c2, ... without gaps, got c0")]
    [InlineData("{{c01::a}}", null)]
    public void Problem_BracesAndNumbersInAnyPlace_SameVerdictAsTheDeletionRules(string text, string? expected)
    {
        Assert.Equal(expected, ClozeSyntax.Problem(text));
    }
}

