using PromptOptimizer.Cards;

namespace PromptOptimizer.Tests.Cards;

public sealed class CardPreviewTests
{
    [Fact]
    public void Front_ClozeCard_HidesEveryDeletionAndShowsHints()
    {
        var html = CardPreview.Front("cloze", "", "{{c1::Paris}} is the capital of {{c2::France::country}}.");

        Assert.Equal("<span class=\"cloze\">[...]</span> is the capital of <span class=\"cloze\">[country]</span>.", html);
    }

    [Fact]
    public void Back_ClozeCard_MarksAnswersAndAddsTheExtra()
    {
        var html = CardPreview.Back("cloze", "", "More & more", "a {{c1::b<c}} d");

        Assert.Equal("a <span class=\"cloze\">b&lt;c</span> d<br>More &amp; more", html);
    }

    [Fact]
    public void FrontAndBack_HostileMarkup_IsEscapedText()
    {
        var front = CardPreview.Front("basic", "<img src=x onerror=alert(1)>", null);
        var back = CardPreview.Back("basic", "<script>alert(1)</script>", "\"x\"\nline", null);

        Assert.Equal("&lt;img src=x onerror=alert(1)&gt;", front);
        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt;<hr id=\"answer\">&quot;x&quot;<br>line", back);
    }

    [Fact]
    public void Front_ClozeHintWithMarkup_IsEscaped()
    {
        Assert.Equal("<span class=\"cloze\">[&lt;b&gt;]</span>", CardPreview.Front("cloze", "", "{{c1::x::<b>}}"));
    }
}
