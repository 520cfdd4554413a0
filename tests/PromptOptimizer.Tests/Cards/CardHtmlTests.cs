using PromptOptimizer.Cards;

namespace PromptOptimizer.Tests.Cards;

public sealed class CardHtmlTests
{
    [Fact]
    public void Escape_SpecialCharacters_EscapesAmpersandAnglesAndQuotes() =>
        Assert.Equal("a &amp; b &lt;c&gt; &quot;d&quot; 'e' é", CardHtml.Escape("a & b <c> \"d\" 'e' é"));

    [Fact]
    public void FromPlainText_LineBreaks_BecomeBrAndRoundTrip()
    {
        const string text = "one\r\ntwo\nthree & <four>";
        var html = CardHtml.FromPlainText(text);

        Assert.Equal("one<br>two<br>three &amp; &lt;four&gt;", html);
        Assert.Equal("one\ntwo\nthree & <four>", CardHtml.ToPlainText(html));
    }

    [Fact]
    public void Strip_Html_RemovesTagsCommentsScriptsAndDecodesEntities() =>
        Assert.Equal("Hi there & you <3", CardHtml.Strip("<b>Hi</b><!-- c -->&nbsp;there<script>x()</script> &amp; you &lt;3"));

    [Theory]
    [InlineData("a<br>b", "ab")]
    [InlineData("a < b and c > d", "a < b and c > d")]
    [InlineData("no markup\u00A0here", "no markup here")]
    public void Strip_Html_DropsTagsWithoutATrace(string html, string expected) => Assert.Equal(expected, CardHtml.Strip(html));

    [Theory]
    [InlineData("<b>Paris</b>.", "Paris.")]
    [InlineData("a<br>b<p>c</p>", "a b c ")]
    [InlineData("<LI>x", " x")]
    [InlineData("x<!-- <p> -->y", "xy")]
    public void VisibleText_Html_BlockTagsSeparateWordsInlineTagsDoNot(string html, string expected) =>
        Assert.Equal(expected, CardHtml.VisibleText(html));
}
