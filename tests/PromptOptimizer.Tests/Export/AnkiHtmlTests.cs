using PromptOptimizer.Export;

namespace PromptOptimizer.Tests.Export;

public sealed class AnkiHtmlTests
{
    [Fact]
    public void Checksum_KnownFront_MatchesAnki() => Assert.Equal(1815320235, AnkiHtml.Checksum("What is the capital of France?"));

    [Fact]
    public void Escape_SpecialCharacters_EscapesAmpersandAnglesAndQuotes() =>
        Assert.Equal("a &amp; b &lt;c&gt; &quot;d&quot; 'e' é", AnkiHtml.Escape("a & b <c> \"d\" 'e' é"));

    [Fact]
    public void FromPlainText_LineBreaks_BecomeBrAndRoundTrip()
    {
        const string text = "one\r\ntwo\nthree & <four>";
        var html = AnkiHtml.FromPlainText(text);

        Assert.Equal("one<br>two<br>three &amp; &lt;four&gt;", html);
        Assert.Equal("one\ntwo\nthree & <four>", AnkiHtml.ToPlainText(html));
    }

    [Fact]
    public void Strip_Html_RemovesTagsCommentsScriptsAndDecodesEntities() =>
        Assert.Equal("Hi there & you <3", AnkiHtml.Strip("<b>Hi</b><!-- c -->&nbsp;there<script>x()</script> &amp; you &lt;3"));
}
