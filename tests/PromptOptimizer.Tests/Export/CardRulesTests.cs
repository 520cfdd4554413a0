using PromptOptimizer.Export;

namespace PromptOptimizer.Tests.Export;

public sealed class CardRulesTests
{
    [Theory]
    [InlineData("- Paris\n- Lyon", true)]
    [InlineData("Cities:\n  * Paris", true)]
    [InlineData("1. Parse\r\n2. Bind", true)]
    [InlineData("12) twelve", true)]
    [InlineData("<ul><li>a</li></ul>", true)]
    [InlineData("• bullet", true)]
    [InlineData("3.14 is close to pi", false)]
    [InlineData("-5 degrees at night", false)]
    [InlineData("2024. A year.", false)]
    [InlineData("Paris - the capital", false)]
    [InlineData("- ", false)]
    public void HasList_Answer_DetectsListMarkersAtLineStart(string text, bool expected) => Assert.Equal(expected, CardRules.HasList(text));
}
