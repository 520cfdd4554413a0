using System.Text.Json;
using PromptOptimizer.Output;
using PromptOptimizer.Validation;

namespace PromptOptimizer.Tests.Validation;

public sealed class PromptValidatorTests
{
    private static readonly string GoodPrompt = "You are an expert assistant on SQL injection. " + new string('x', 200);

    private readonly PromptValidator _validator = new();

    [Fact]
    public void ValidateDraft_GoodPromptInFence_ReturnsTrimmedPrompt()
    {
        var content = "```json\n" + JsonSerializer.Serialize(new Dictionary<string, string> { ["system_prompt"] = "  " + GoodPrompt + "\n" }) + "\n```";

        var result = _validator.ValidateDraft(content);

        Assert.True(result.IsValid);
        Assert.Equal(GoodPrompt, result.SystemPrompt);
    }

    [Theory]
    [InlineData("{\"prompt\": \"x\"}", "\"system_prompt\" is missing; reply with {\"system_prompt\":\"...\"}")]
    [InlineData("{\"system_prompt\": 5}", "\"system_prompt\" must be a string, got a number")]
    [InlineData("{\"system_prompt\": \"  \"}", "\"system_prompt\" is empty")]
    [InlineData("{\"system_prompt\": \"Be helpful.\"}", "\"system_prompt\" is 11 characters, at least 200 are needed")]
    [InlineData("[\"a\"]", "the answer must be an object {\"system_prompt\":\"...\"}, got an array")]
    public void ValidateDraft_BadDraft_PromptIssue(string content, string expected)
    {
        var result = _validator.ValidateDraft(content);

        Assert.False(result.IsValid);
        Assert.Null(result.SystemPrompt);
        Assert.Equal(new ValidationIssue(ValidationRules.Prompt, expected), Assert.Single(result.Errors));
    }

    [Fact]
    public void ValidateDraft_TooLong_PromptIssue()
    {
        var content = JsonSerializer.Serialize(new Dictionary<string, string> { ["system_prompt"] = new string('p', 20_001) });

        var result = _validator.ValidateDraft(content);

        Assert.Equal("\"system_prompt\" is 20001 characters, the limit is 20000", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void ValidateDraft_Empty_JsonIssue()
    {
        Assert.Equal(ValidationRules.Json, Assert.Single(_validator.ValidateDraft(null).Errors).Rule);
    }

    [Fact]
    public void Constructor_MaxBelowMin_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PromptValidator(500, 100));
    }

    [Fact]
    public void ValidateCritique_GoodCritique_ReturnsScoresAndWeaknesses()
    {
        const string content = "My critique:\n{\"scores\":{\"grounding\":8,\"coverage\":7.0,\"clarity\":\"9\",\"safety\":10,\"Format\":1},"
            + "\"weaknesses\":[\" No examples \", \"\", \"Vague scope\"]}";

        var result = _validator.ValidateCritique(content);

        Assert.True(result.IsValid, ValidationIssue.ToFeedback(result.Errors));
        Assert.Equal(new RubricScores(8, 7, 9, 10, 1), result.Scores);
        Assert.Equal(["No examples", "Vague scope"], result.Weaknesses);
    }

    [Fact]
    public void ValidateCritique_ScoresAtTopLevelAndNoWeaknesses_Accepted()
    {
        var result = _validator.ValidateCritique("{\"grounding\":5,\"coverage\":5,\"clarity\":5,\"safety\":5,\"format\":5}");

        Assert.True(result.IsValid);
        Assert.Equal(new RubricScores(5, 5, 5, 5, 5), result.Scores);
        Assert.Empty(result.Weaknesses);
    }

    [Fact]
    public void ValidateCritique_BadScores_OneIssuePerScore()
    {
        const string content = "{\"scores\":{\"grounding\":11,\"coverage\":7.5,\"clarity\":\"high\",\"safety\":0},\"weaknesses\":[]}";

        var result = _validator.ValidateCritique(content);

        Assert.False(result.IsValid);
        Assert.Null(result.Scores);
        Assert.All(result.Errors, e => Assert.Equal(ValidationRules.Critique, e.Rule));
        Assert.Equal(
        [
            "scores.grounding must be a whole number from 1 to 10, got 11",
            "scores.coverage must be a whole number from 1 to 10, got 7.5",
            "scores.clarity must be a whole number from 1 to 10, got a string",
            "scores.safety must be a whole number from 1 to 10, got 0",
            "scores.format is missing",
        ],
            result.Errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("{\"scores\":[8],\"weaknesses\":[]}", "\"scores\" must be an object, got an array")]
    [InlineData("{\"scores\":{\"grounding\":8,\"coverage\":8,\"clarity\":8,\"safety\":8,\"format\":8},\"weaknesses\":\"none\"}", "\"weaknesses\" must be an array of strings, got a string")]
    [InlineData("{\"scores\":{\"grounding\":8,\"coverage\":8,\"clarity\":8,\"safety\":8,\"format\":8},\"weaknesses\":[1]}", "\"weaknesses\" must hold only strings, got a number")]
    public void ValidateCritique_BadShape_CritiqueIssue(string content, string expected)
    {
        var result = _validator.ValidateCritique(content);

        Assert.Equal(new ValidationIssue(ValidationRules.Critique, expected), Assert.Single(result.Errors));
    }

    [Fact]
    public void ValidateCritique_NotJson_JsonIssue()
    {
        Assert.Equal(ValidationRules.Json, Assert.Single(_validator.ValidateCritique("Scores: 8/10").Errors).Rule);
    }
}
