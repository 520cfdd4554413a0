using System.Text.Json;
using PromptOptimizer.Output;
using PromptOptimizer.Validation;

namespace PromptOptimizer.Tests.Validation;

public sealed class CardReaderTests
{
    private readonly CardReader _reader = new(FlashcardRules.Default, new SourceIndex(FlashcardAnswers.Sources));

    [Fact]
    public void Read_ValidBasicCard_ReturnsNormalisedCard()
    {
        var card = Json(new Dictionary<string, object?>
        {
            ["type"] = " Basic ",
            ["front"] = "  What is SQL injection? ",
            ["back"] = "Untrusted input changing a query.",
            ["text"] = "ignored for basic cards",
            ["tags"] = new[] { " sql injection ", "web", "Web", "" },
            ["difficulty"] = "HARD",
            ["source_ids"] = new[] { "s1", "https://example.org/one/", "S3" },
        });

        var (result, issues, notes) = Read(card);

        Assert.Empty(issues);
        Assert.Empty(notes);
        Assert.NotNull(result);
        Assert.Equal("basic", result.Type);
        Assert.Equal("What is SQL injection?", result.Front);
        Assert.Null(result.Text);
        Assert.Equal(["sql_injection", "web"], result.Tags);
        Assert.Equal("hard", result.Difficulty);
        Assert.Equal(["S1", "S3"], result.SourceIds);
    }

    [Fact]
    public void Read_OptionalFieldsMissingOrNull_Defaults()
    {
        var card = Json(new Dictionary<string, object?>
        {
            ["type"] = "basic", ["front"] = "Q?", ["back"] = "A", ["tags"] = null, ["source_ids"] = new[] { "S2" },
        });

        var (result, issues, _) = Read(card);

        Assert.Empty(issues);
        Assert.Empty(result!.Tags);
        Assert.Equal("medium", result.Difficulty);
    }

    [Fact]
    public void Read_UnknownDifficulty_UsesMediumAndNotes()
    {
        var card = FlashcardAnswers.Basic("Q?", "A");
        card["difficulty"] = "expert";

        var (result, issues, notes) = Read(Json(card), number: 4);

        Assert.Empty(issues);
        Assert.Equal("medium", result!.Difficulty);
        Assert.Equal("card 4: difficulty \"expert\" is not easy, medium or hard; used medium", Assert.Single(notes).Message);
    }

    [Fact]
    public void Read_ValidClozeCard_KeepsText()
    {
        var (result, issues, _) = Read(Json(FlashcardAnswers.Cloze("{{c1::Paris}} is the capital of {{c2::France::country}}.")));

        Assert.Empty(issues);
        Assert.Equal("cloze", result!.Type);
        Assert.Equal("{{c1::Paris}} is the capital of {{c2::France::country}}.", result.Text);
    }

    [Theory]
    [InlineData("front", "card 2: \"front\" is missing")]
    [InlineData("back", "card 2: \"back\" is missing")]
    [InlineData("type", "card 2: \"type\" is missing")]
    public void Read_RequiredFieldMissing_SchemaIssue(string field, string expected)
    {
        var card = FlashcardAnswers.Basic("Q?", "A");
        card.Remove(field);

        var (result, issues, _) = Read(Json(card), number: 2);

        Assert.Null(result);
        var issue = Assert.Single(issues);
        Assert.Equal(ValidationRules.Schema, issue.Rule);
        Assert.Equal(expected, issue.Message);
    }

    [Theory]
    [InlineData("front", 5, "card 1: \"front\" must be a string, got a number")]
    [InlineData("type", "qa", "card 1: \"type\" must be \"basic\" or \"cloze\", got \"qa\"")]
    [InlineData("tags", "sql", "card 1: \"tags\" must be an array of strings, got a string")]
    [InlineData("source_ids", 1, "card 1: \"source_ids\" must be an array of strings, got a number")]
    public void Read_FieldOfWrongType_SchemaIssue(string field, object value, string expected)
    {
        var card = FlashcardAnswers.Basic("Q?", "A");
        card[field] = value;

        var (result, issues, _) = Read(Json(card));

        Assert.Null(result);
        Assert.Equal(new ValidationIssue(ValidationRules.Schema, expected), Assert.Single(issues));
    }

    [Fact]
    public void Read_CardNotAnObject_SchemaIssue()
    {
        var (result, issues, _) = Read(JsonDocument.Parse("\"just text\"").RootElement, number: 3);

        Assert.Null(result);
        Assert.Equal(new ValidationIssue(ValidationRules.Schema, "card 3: must be an object, got a string"), Assert.Single(issues));
    }

    [Theory]
    [InlineData("  ", "A", "card 1: \"front\" is empty")]
    [InlineData("Q?", "", "card 1: \"back\" is empty")]
    public void Read_EmptyFrontOrBack_EmptyIssue(string front, string back, string expected)
    {
        var (result, issues, _) = Read(Json(FlashcardAnswers.Basic(front, back)));

        Assert.Null(result);
        Assert.Equal(new ValidationIssue(ValidationRules.Empty, expected), Assert.Single(issues));
    }

    [Fact]
    public void Read_ClozeWithEmptyText_EmptyIssue()
    {
        var (result, issues, _) = Read(Json(FlashcardAnswers.Cloze(" ")));

        Assert.Null(result);
        Assert.Equal(new ValidationIssue(ValidationRules.Empty, "card 1: cloze \"text\" is empty"), Assert.Single(issues));
    }

    [Fact]
    public void Read_ClozeWithoutText_SchemaIssue()
    {
        var card = FlashcardAnswers.Cloze("x");
        card.Remove("text");

        var (_, issues, _) = Read(Json(card));

        Assert.Equal(new ValidationIssue(ValidationRules.Schema, "card 1: \"text\" is missing"), Assert.Single(issues));
    }

    [Fact]
    public void Read_BadClozeSyntax_ClozeIssue()
    {
        var (result, issues, _) = Read(Json(FlashcardAnswers.Cloze("{{c2::Paris}} is a capital")), number: 6);

        Assert.Null(result);
        var issue = Assert.Single(issues);
        Assert.Equal(ValidationRules.Cloze, issue.Rule);
        Assert.StartsWith("card 6: cloze numbers", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FrontAtLimit_Accepted_AboveLimit_FrontLengthIssue()
    {
        var atLimit = Read(Json(FlashcardAnswers.Basic(new string('q', 200), "A")));
        var above = Read(Json(FlashcardAnswers.Basic(new string('q', 240), "A")), number: 3);

        Assert.Empty(atLimit.Issues);
        Assert.Equal(new ValidationIssue(ValidationRules.FrontLength, "card 3: front is 240 characters, the limit is 200"), Assert.Single(above.Issues));
    }

    [Fact]
    public void Read_BackAboveLimit_BackLengthIssue()
    {
        var (result, issues, _) = Read(Json(FlashcardAnswers.Basic("Q?", new string('a', 501))));

        Assert.Null(result);
        Assert.Equal(new ValidationIssue(ValidationRules.BackLength, "card 1: back is 501 characters, the limit is 500"), Assert.Single(issues));
    }

    [Fact]
    public void Read_CustomLimits_Applied()
    {
        var reader = new CardReader(new FlashcardRules(MaxFront: 10, MaxBack: 5), new SourceIndex(FlashcardAnswers.Sources));
        var issues = new List<ValidationIssue>();

        reader.Read(Json(FlashcardAnswers.Basic("Eleven char", "Six ch")), 1, issues, []);

        Assert.Equal([ValidationRules.FrontLength, ValidationRules.BackLength], issues.Select(i => i.Rule));
    }

    [Fact]
    public void Read_BackEqualsFrontAfterNormalisation_FrontEqualsBackIssue()
    {
        var (result, issues, _) = Read(Json(FlashcardAnswers.Basic("<b>What is  XSS?</b>", "what is xss?")));

        Assert.Null(result);
        Assert.Equal(ValidationRules.FrontEqualsBack, Assert.Single(issues).Rule);
    }

    [Theory]
    [InlineData(new string[0], "card 1: \"source_ids\" is empty; cite at least one source (use S1, S2, S3 or their URLs)")]
    [InlineData(new[] { "S1", "S9" }, "card 1: \"S9\" is not a retrieved source (use S1, S2, S3 or their URLs)")]
    [InlineData(new[] { "https://example.org/other" }, "card 1: \"https://example.org/other\" is not a retrieved source (use S1, S2, S3 or their URLs)")]
    public void Read_BadCitations_CitationIssue(string[] sources, string expected)
    {
        var card = FlashcardAnswers.Basic("Q?", "A");
        card["source_ids"] = sources;

        var (result, issues, _) = Read(Json(card));

        Assert.Null(result);
        Assert.Equal(new ValidationIssue(ValidationRules.Citation, expected), Assert.Single(issues));
    }

    [Fact]
    public void Read_SourceIdsMissing_CitationIssue()
    {
        var card = FlashcardAnswers.Basic("Q?", "A");
        card.Remove("source_ids");

        var (_, issues, _) = Read(Json(card));

        Assert.Equal(ValidationRules.Citation, Assert.Single(issues).Rule);
    }

    [Fact]
    public void Read_SourceIdsAsSingleString_Accepted()
    {
        var card = FlashcardAnswers.Basic("Q?", "A");
        card["source_ids"] = "[S2]";

        var (result, issues, _) = Read(Json(card));

        Assert.Empty(issues);
        Assert.Equal(["S2"], result!.SourceIds);
    }

    [Fact]
    public void Read_SeveralProblems_ReportsEach()
    {
        var card = FlashcardAnswers.Basic(new string('q', 201), "");
        card["source_ids"] = new[] { "S7" };

        var (_, issues, _) = Read(Json(card));

        Assert.Equal([ValidationRules.Citation, ValidationRules.FrontLength, ValidationRules.Empty], issues.Select(i => i.Rule));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("two words", "two_words")]
    [InlineData("tab\tand\nnewline", "tab_and_newline")]
    [InlineData("no\u00A0break  run", "no_break_run")]
    [InlineData("\u2003padded\u2003", "padded")]
    public void Read_TagWithWhitespace_RunsBecomeOneUnderscore(string raw, string expected)
    {
        var card = FlashcardAnswers.Basic("Q?", "A");
        card["tags"] = new[] { raw };

        var (result, _, _) = Read(Json(card));

        Assert.Equal([expected], result!.Tags);
    }

    [Fact]
    public void Read_ValidCards_DuplicateKeyEqualExactlyWhenTheNormalisedTextIs()
    {
        var first = Key(FlashcardAnswers.Basic("Question 1?", "Answer 1"));
        var same = Key(FlashcardAnswers.Basic("  <i>question 1?</i>", "ANSWER&nbsp;  1"));
        var otherBack = Key(FlashcardAnswers.Basic("Question 1?", "Answer 2"));
        var cloze = Key(FlashcardAnswers.Cloze("{{c1::Paris}} is a capital."));
        var sameCloze = Key(FlashcardAnswers.Cloze("{{c1::paris}} is a <b>capital</b>."));

        Assert.Equal("basic\u001fquestion 1?\u001fanswer 1", first);
        Assert.Equal(first, same);
        Assert.NotEqual(first, otherBack);
        Assert.Equal("cloze\u001f{{c1::paris}} is a capital.", cloze);
        Assert.Equal(cloze, sameCloze);
    }

    [Fact]
    public void Read_InvalidCard_NoDuplicateKey()
    {
        var card = _reader.Read(Json(FlashcardAnswers.Basic("Same", "same")), 1, [], [], out var key);

        Assert.Null(card);
        Assert.Null(key);
    }

    private string? Key(Dictionary<string, object?> card)
    {
        var issues = new List<ValidationIssue>();
        Assert.NotNull(_reader.Read(Json(card), 1, issues, [], out var key));
        Assert.Empty(issues);
        return key;
    }

    private (Flashcard? Card, List<ValidationIssue> Issues, List<ValidationIssue> Notes) Read(JsonElement card, int number = 1)
    {
        var issues = new List<ValidationIssue>();
        var notes = new List<ValidationIssue>();
        var result = _reader.Read(card, number, issues, notes);
        return (result, issues, notes);
    }

    private static JsonElement Json(Dictionary<string, object?> card) => JsonSerializer.SerializeToElement(card);
}
