using PromptOptimizer.Export;
using PromptOptimizer.Tests.Export;
using PromptOptimizer.Tests.Validation;
using PromptOptimizer.Validation;

namespace PromptOptimizer.Tests.Cards;

/// <summary>
/// One corpus of awkward cloze cards run through both places that judge cloze syntax: validation (a generated card is
/// dropped) and the quality report (an exported card is flagged). They must agree on every card.
/// </summary>
public sealed class ClozeVerdictTests
{
    public static TheoryData<string, bool> Corpus => new()
    {
        { "{{c1::Paris}} is the capital of France.", true },
        { "{{c1::Paris::city}} is in {{c2::France}}.", true },
        { "{{c2::b}} then {{c1::a}}", true },
        { "{{c1::<b>Paris</b>}}.", true },
        { "<b>Paris</b> is the capital of {{c1::France}}.", true },
        { "{{c1::AT&amp;T}} was founded in {{c2::1885}}", true },
        { "{{c1::a{b}} and { braces }", true },
        { "{{{c1::a}}}", true },
        { "{{c1::a}} }}", false },
        { "{{c1::a}}}}", false },
        { "{{c1::a}} and {{c2:b}}", false },
        { "{{c1::a {{c2::b}} c}}", false },
        { "{{c1::a {{c2::b}}", false },
        { "{{c1::a}} {{c2::b", false },
        { "{{c1::Paris", false },
        { "{{c1::}} is empty", false },
        { "{{c1:: }} is blank", false },
        { "{{c0::a}}", false },
        { "{{c0::a}} {{c1::b}}", false },
        { "{{c2::a}}", false },
        { "{{c1::a}} {{c3::b}}", false },
        { "{{C1::a}}", false },
        { "{{c1::a}} {{C2::b}}", false },
        { "{{ c1::a}}", false },
        { "{{c99999999999::a}}", false },
        { "&lbrace;&lbrace;c1::a&rbrace;&rbrace; is an entity, not a deletion", false },
        { "Paris is the capital of France.", false },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void ValidationAndQualityReport_AwkwardCloze_SameSyntaxVerdict(string text, bool valid)
    {
        var validation = new FlashcardValidator().Validate(FlashcardAnswers.Answer([FlashcardAnswers.Cloze(text)]), 1, FlashcardAnswers.Sources);
        var validationAccepts = !validation.Errors.Concat(validation.Warnings).Any(i => i.Rule == ValidationRules.Cloze);

        var report = QualityChecker.Check([QualityCheckerTests.Topic("cat", "t", OutputFixture.Cloze("c1", text, "Back"))]);
        var reportAccepts = !report.Flagged.SelectMany(f => f.Checks).Contains(QualityCheck.ClozeSyntax);

        Assert.Equal(validationAccepts, reportAccepts);
        Assert.Equal(valid, validationAccepts);
        Assert.Equal(valid, validation.IsValid);
    }
}
