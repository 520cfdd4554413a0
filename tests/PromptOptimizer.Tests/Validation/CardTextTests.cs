using PromptOptimizer.Validation;

namespace PromptOptimizer.Tests.Validation;

public sealed class CardTextTests
{
    [Theory]
    [InlineData("  What   is\tSQL\ninjection? ", "what is sql injection?")]
    [InlineData("<b>Paris</b>.", "paris.")]
    [InlineData("line one<br>line two", "line one line two")]
    [InlineData("<p>One</p><p>Two</p>", "one two")]
    [InlineData("Tom &amp; Jerry&nbsp;show", "tom & jerry show")]
    [InlineData("&lt;script&gt;", "<script>")]
    [InlineData("a < b and c > d", "a < b and c > d")]
    [InlineData("x<!-- hidden -->y", "xy")]
    [InlineData("ÉCOLE", "école")]
    public void Normalize_Text_StripsDecodesCollapsesAndLowers(string input, string expected)
    {
        Assert.Equal(expected, CardText.Normalize(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<br>")]
    public void Normalize_NothingVisible_ReturnsEmpty(string? input)
    {
        Assert.Equal(string.Empty, CardText.Normalize(input));
    }
}
