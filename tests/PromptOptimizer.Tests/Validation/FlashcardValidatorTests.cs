using System.Text.Json;
using PromptOptimizer.Validation;
using static PromptOptimizer.Tests.Validation.FlashcardAnswers;

namespace PromptOptimizer.Tests.Validation;

public sealed class FlashcardValidatorTests
{
    private readonly FlashcardValidator _validator = new();

    [Fact]
    public void Validate_ValidAnswer_AcceptsCardsWithSequentialIds()
    {
        var cards = ValidCards(2);
        cards.Add(Cloze("{{c1::UNION}} joins the results of two queries.", "https://example.org/three"));

        var result = _validator.Validate(Answer(cards), 3, Sources);

        Assert.True(result.IsValid);
        Assert.Empty(result.Warnings);
        Assert.Equal(["c01", "c02", "c03"], result.Cards.Select(c => c.Id));
        Assert.Equal(["basic", "basic", "cloze"], result.Cards.Select(c => c.Type));
        Assert.Equal("Question 1?", result.Cards[0].Front);
        Assert.Null(result.Cards[0].Text);
        Assert.Equal(["S3"], result.Cards[2].SourceIds);
    }

    [Fact]
    public void Validate_TopLevelArrayInFenceWithProse_Accepted()
    {
        var content = "Here are your cards:\n```json\n" + JsonSerializer.Serialize(ValidCards(2)) + "\n```\nEnjoy!";

        var result = _validator.Validate(content, 2, Sources);

        Assert.True(result.IsValid, ValidationIssue.ToFeedback(result.Errors));
        Assert.Equal(2, result.Cards.Count);
    }

    [Fact]
    public void Validate_ObjectPrecededByProse_Accepted()
    {
        var result = _validator.Validate("Sure! " + Answer(ValidCards(1)) + " Let me know.", 1, Sources);

        Assert.True(result.IsValid);
        Assert.Single(result.Cards);
    }

    [Fact]
    public void Validate_NotJson_RejectedWithJsonIssueOnly()
    {
        var result = _validator.Validate("I cannot do that.", 5, Sources);

        Assert.False(result.IsValid);
        Assert.Equal(ValidationRules.Json, Assert.Single(result.Errors).Rule);
        Assert.Empty(result.Cards);
    }

    [Theory]
    [InlineData("{\"flashcards\": []}", "the answer must be an object {\"cards\":[...]}; \"cards\" is missing")]
    [InlineData("{\"cards\": {\"front\": \"x\"}}", "\"cards\" must be an array, got an object")]
    [InlineData("{\"cards\": \"none\"}", "\"cards\" must be an array, got a string")]
    public void Validate_WrongShape_RejectedWithSchemaIssue(string content, string expected)
    {
        var result = _validator.Validate(content, 1, Sources);

        Assert.Equal(new ValidationIssue(ValidationRules.Schema, expected), Assert.Single(result.Errors));
    }

    [Fact]
    public void Validate_ArrayOfNonObjects_RejectedNamingTheCard()
    {
        var result = _validator.Validate("[\"Q? A\"]", 1, Sources);

        Assert.Equal(new ValidationIssue(ValidationRules.Schema, "card 1: must be an object, got a string"), result.Errors[1]);
    }

    [Fact]
    public void Validate_EmptyCardsArray_RejectedForCount()
    {
        var result = _validator.Validate("{\"cards\": []}", 4, Sources);

        Assert.Equal(new ValidationIssue(ValidationRules.Count, "only 0 valid cards of 4 requested; at least 4 are needed"), Assert.Single(result.Errors));
    }

    [Fact]
    public void Validate_TenRequestedEightValid_AcceptedWithDroppedCardsAsWarnings()
    {
        var cards = ValidCards(8);
        cards.Add(Basic(new string('q', 240), "A"));
        cards.Add(Basic("Q?", "A", "S9"));

        var result = _validator.Validate(Answer(cards), 10, Sources);

        Assert.True(result.IsValid);
        Assert.Equal(8, result.Cards.Count);
        Assert.Equal("c08", result.Cards[^1].Id);
        Assert.Equal([ValidationRules.FrontLength, ValidationRules.Citation], result.Warnings.Select(w => w.Rule));
        Assert.StartsWith("card 9: front is 240 characters", result.Warnings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TenRequestedSevenValid_RejectedWithCountAndOneExamplePerRule()
    {
        var cards = ValidCards(7);
        cards.Insert(2, Basic(new string('q', 240), "A"));
        cards.Add(Basic(new string('q', 300), "A"));
        cards.Add(Basic("Q?", "A", "S9"));

        var result = _validator.Validate(Answer(cards), 10, Sources);

        Assert.False(result.IsValid);
        Assert.Empty(result.Cards);
        Assert.Equal(
        [
            new ValidationIssue(ValidationRules.Count, "only 7 valid cards of 10 requested; at least 8 are needed"),
            new ValidationIssue(ValidationRules.FrontLength, "card 3: front is 240 characters, the limit is 200 (and 1 more like it)"),
            new ValidationIssue(ValidationRules.Citation, "card 10: \"S9\" is not a retrieved source (use S1, S2, S3 or their URLs)"),
        ],
            result.Errors);
    }

    [Fact]
    public void Validate_ExactDuplicates_KeepsFirstAndWarns()
    {
        var cards = ValidCards(2);
        cards.Add(Basic("  <i>question 1?</i>", "ANSWER   1", "S2"));
        cards.Add(Basic("Question 1?", "A different answer"));
        cards.Add(Cloze("{{c1::Paris}} is a capital."));
        cards.Add(Cloze("{{c1::paris}} is a <b>capital</b>."));

        var result = _validator.Validate(Answer(cards), 4, Sources);

        Assert.True(result.IsValid);
        Assert.Equal(["Question 1?", "Question 2?", "Question 1?", "Complete the sentence"], result.Cards.Select(c => c.Front));
        Assert.Equal(["S1"], result.Cards[0].SourceIds);
        Assert.Equal(["c01", "c02", "c03", "c04"], result.Cards.Select(c => c.Id));
        Assert.Equal(
            [new ValidationIssue(ValidationRules.Duplicate, "card 3 duplicates card 1"), new ValidationIssue(ValidationRules.Duplicate, "card 6 duplicates card 5")],
            result.Warnings);
    }

    [Fact]
    public void Validate_DuplicatesLeaveTooFew_RejectedNamingDuplicate()
    {
        var cards = new[] { Basic("Q?", "A"), Basic("q?", "a") };

        var result = _validator.Validate(Answer(cards), 2, Sources);

        Assert.False(result.IsValid);
        Assert.Contains(new ValidationIssue(ValidationRules.Duplicate, "card 2 duplicates card 1"), result.Errors);
    }

    [Fact]
    public void Validate_MoreValidCardsThanRequested_CutsAndWarns()
    {
        var result = _validator.Validate(Answer(ValidCards(12)), 10, Sources);

        Assert.True(result.IsValid);
        Assert.Equal(10, result.Cards.Count);
        Assert.Equal("Question 10?", result.Cards[^1].Front);
        Assert.Equal(new ValidationIssue(ValidationRules.Count, "the answer had 12 valid cards; kept the first 10"), Assert.Single(result.Warnings));
    }

    [Fact]
    public void Validate_NoSourcesRetrieved_EveryCardFailsCitation()
    {
        var result = _validator.Validate(Answer(ValidCards(1)), 1, []);

        Assert.False(result.IsValid);
        Assert.Equal("card 1: \"S1\" is not a retrieved source (no sources were retrieved)", result.Errors[1].Message);
    }

    [Fact]
    public void Validate_CardCountBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _validator.Validate("{}", 0, Sources));
    }

    [Fact]
    public void ToFeedback_Issues_OneBulletPerIssueNamingTheRule()
    {
        var result = _validator.Validate(Answer([Basic("Same", "same")]), 1, Sources);

        Assert.Equal(
            "- [count] only 0 valid cards of 1 requested; at least 1 are needed\n"
            + "- [front-equals-back] card 1: the back repeats the front; the back must answer it",
            ValidationIssue.ToFeedback(result.Errors));
    }
}
