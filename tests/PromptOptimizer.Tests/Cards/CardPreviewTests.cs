using PromptOptimizer.Cards;

namespace PromptOptimizer.Tests.Cards;

public sealed class CardPreviewTests
{
    private const string TwoDeletions = "{{c1::Paris}} is the capital of {{c2::France::country}}.";

    [Fact]
    public void Cards_TwoDeletionNumbers_MakeTwoCardsEachHidingOnlyItsOwn()
    {
        var cards = CardPreview.Cards("cloze", "", "", TwoDeletions);

        Assert.Equal([1, 2], cards.Select(c => c.ClozeNumber));
        Assert.Equal("<span class=\"cloze\">[...]</span> is the capital of France.", cards[0].FrontHtml);
        Assert.Equal("Paris is the capital of <span class=\"cloze\">[country]</span>.", cards[1].FrontHtml);
        Assert.Equal("<span class=\"cloze\">Paris</span> is the capital of France.", cards[0].BackHtml);
        Assert.Equal("Paris is the capital of <span class=\"cloze\">France</span>.", cards[1].BackHtml);
    }

    [Fact]
    public void Cards_SameNumberTwice_IsOneCardHidingBoth()
    {
        var card = Assert.Single(CardPreview.Cards("cloze", "", "", "{{c1::a}} and {{c1::b}}"));

        Assert.Equal("<span class=\"cloze\">[...]</span> and <span class=\"cloze\">[...]</span>", card.FrontHtml);
    }

    [Fact]
    public void Cards_BasicNote_IsOneCard()
    {
        var card = Assert.Single(CardPreview.Cards("basic", "Q?", "A", null));

        Assert.Equal((0, "Q?", "Q?<hr id=\"answer\">A"), (card.ClozeNumber, card.FrontHtml, card.BackHtml));
    }

    [Fact]
    public void Cards_ClozeWithoutDeletion_IsOneCardShowingTheText()
    {
        var card = Assert.Single(CardPreview.Cards("cloze", "", "", "no <deletion> here"));

        Assert.Equal("no &lt;deletion&gt; here", card.FrontHtml);
    }

    [Fact]
    public void Back_ClozeCard_MarksItsAnswerAndAddsTheExtra()
    {
        var html = CardPreview.Back("cloze", "", "More & more", "a {{c1::b<c}} d {{c2::e}}", 1);

        Assert.Equal("a <span class=\"cloze\">b&lt;c</span> d e<br>More &amp; more", html);
    }

    [Fact]
    public void FrontAndBack_HostileMarkup_IsEscapedText()
    {
        var front = CardPreview.Front("basic", "<img src=x onerror=alert(1)>", null, 0);
        var back = CardPreview.Back("basic", "<script>alert(1)</script>", "\"x\"\nline", null, 0);
        var otherDeletion = CardPreview.Front("cloze", "", "{{c1::x}} {{c2::<script>alert(1)</script>}}", 1);

        Assert.Equal("&lt;img src=x onerror=alert(1)&gt;", front);
        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt;<hr id=\"answer\">&quot;x&quot;<br>line", back);
        Assert.Equal("<span class=\"cloze\">[...]</span> &lt;script&gt;alert(1)&lt;/script&gt;", otherDeletion);
    }

    [Fact]
    public void Front_ClozeHintWithMarkup_IsEscaped()
    {
        Assert.Equal("<span class=\"cloze\">[&lt;b&gt;]</span>", CardPreview.Front("cloze", "", "{{c1::x::<b>}}", 1));
    }
}
