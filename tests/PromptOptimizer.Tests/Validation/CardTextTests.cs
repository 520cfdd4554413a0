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
}
