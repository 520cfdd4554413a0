using PromptOptimizer.Cards;

namespace PromptOptimizer.Tests.Cards;

public sealed class CardTextTests
{
    [Theory]
    [InlineData("  What   is\tSQL\ninjection? ", "what is sql injection?")]
    [InlineData("<b>Paris</b>.", "paris.")]
    [InlineData("<i>a</i> <b>b</b>", "a b")]
    [InlineData("<style>p{}</style>Text", "text")]
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

    [Theory]
    [InlineData("What is SQL injection?")]
    [InlineData("  Leading and trailing  ")]
    [InlineData("Two  spaces")]
    [InlineData("tab\there")]
    [InlineData("new\nline")]
    [InlineData("crlf\r\nline")]
    [InlineData("no\u00A0break")]
    [InlineData("\u00A0edge\u00A0")]
    [InlineData("em\u2003space and\u3000ideographic")]
    [InlineData("line\u2028separator\u0085next")]
    [InlineData("zero\u200Bwidth")]
    [InlineData("Tom &amp; Jerry")]
    [InlineData("AT&T")]
    [InlineData("a < b")]
    [InlineData("<b>Bold</b>")]
    [InlineData("ÉCOLE İstanbul ΣΊΣΥΦΟΣ")]
    [InlineData("emoji \U0001F600 Smile")]
    [InlineData("lone \uD83D surrogate")]
    [InlineData(" ")]
    [InlineData("\t")]
    public void Normalize_AnyText_SameAsTheFullNormalisation(string input)
    {
        Assert.Equal(CardText.NormalizeMarkup(input), CardText.Normalize(input));
    }

    [Fact]
    public void Normalize_RandomTrickyText_SameAsTheFullNormalisation()
    {
        // Fixed seed: the same 5,000 strings every run, built from the characters each path treats differently.
        const string alphabet = "aZé İ\u03A3 \t\n\r\u00A0\u2003\u200B<>&;/bpr#1x\uD83D\uDE00";
        var random = new Random(20261128);
        var plain = 0;
        for (var i = 0; i < 5000; i++)
        {
            var chars = new char[random.Next(0, 12)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var input = new string(chars);
            plain += CardText.IsPlain(input) ? 1 : 0;
            Assert.Equal(CardText.NormalizeMarkup(input), CardText.Normalize(input));
        }

        Assert.InRange(plain, 100, 4900);
    }

    [Fact]
    public void Normalize_EveryCharacter_SameAsTheFullNormalisation()
    {
        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            var input = "Ab" + c + "Cd";
            Assert.Equal(CardText.NormalizeMarkup(input), CardText.Normalize(input));
        }
    }

    [Theory]
    [InlineData("What is SQL injection?", true)]
    [InlineData(" Padded ", true)]
    [InlineData("Two  spaces", false)]
    [InlineData("tab\there", false)]
    [InlineData("no\u00A0break", false)]
    [InlineData("AT&T", false)]
    [InlineData("a < b", false)]
    public void IsPlain_Text_TrueOnlyWithoutMarkupOrUnusualWhitespace(string input, bool expected)
    {
        Assert.Equal(expected, CardText.IsPlain(input));
    }

    [Theory]
    [InlineData("<b>Paris</b>.", "paris")]
    [InlineData("Pa<b>ris</b> is big", "paris is big")]
    [InlineData("one<br>two", "one two")]
    [InlineData("It's 3.5&nbsp;km, AT&amp;T!", "it s 3 5 km at t")]
    [InlineData("a < b", "a b")]
    public void TokenKey_Text_LetterAndDigitRunsOfTheVisibleText(string input, string expected)
    {
        Assert.Equal(expected, CardText.TokenKey(input));
    }

    [Fact]
    public void Tokens_TokenLongerThanTheBuffer_KeptWhole()
    {
        var word = new string('x', 300);

        Assert.Equal([word, "y"], CardText.Tokens(word + " y"));
    }

    [Theory]
    [InlineData("a b c", "A B C", 1.0)]
    [InlineData("a b", "b c", 1.0 / 3)]
    [InlineData("", "", 1.0)]
    [InlineData("a", "", 0.0)]
    public void Jaccard_TwoTexts_TokenSetSimilarity(string a, string b, double expected)
    {
        Assert.Equal(expected, CardText.Jaccard(a, b), 9);
    }

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
    public void HasList_Answer_DetectsListMarkersAtLineStart(string text, bool expected)
    {
        Assert.Equal(expected, CardText.HasList(text));
    }
}
