using PromptOptimizer.Output;

namespace PromptOptimizer.Validation;

/// <summary>The accepted cards of one answer, or why the answer must be retried.</summary>
/// <param name="Cards">Cards ready to write (ids <c>c01</c>, ...); empty when the answer is rejected.</param>
/// <param name="Errors">Reasons to reject the whole answer; fed back to the model on retry.</param>
/// <param name="Warnings">Cards dropped or cut from an answer that was still accepted.</param>
internal sealed record FlashcardValidation(
    IReadOnlyList<Flashcard> Cards,
    IReadOnlyList<ValidationIssue> Errors,
    IReadOnlyList<ValidationIssue> Warnings)
{
    public bool IsValid => Errors.Count == 0;

    public static FlashcardValidation Rejected(params IReadOnlyList<ValidationIssue> errors) => new([], errors, []);
}
