using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Research;
using PromptOptimizer.Topics;
using PromptOptimizer.Validation;

namespace PromptOptimizer.Generation;

/// <summary>
/// Draft, critique against the rubric, and revise while the weighted score is below the minimum, for at most
/// <see cref="GenerationOptions.MaxRounds"/> revisions; the best-scoring version is kept, not merely the last.
/// </summary>
internal sealed class SystemPromptOptimizer(ValidatedChat chat, GenerationOptions options, PromptValidator validator, RubricWeights weights)
{
    public async Task<StepResult<PromptOutcome>> OptimizeAsync(TopicDefinition topic, IReadOnlyList<SourceDocument>? sources, ICallObserver observer, CancellationToken cancellationToken)
    {
        var draftRequest = new ChatRequest(options.Model, PromptBuilder.PromptDraft(topic, sources, sources is null), AnswerSchemas.PromptDraft,
            AnswerSchemas.PromptDraftSchema, options.PromptMaxTokens, "draft", options.Temperature, sources is null ? options.SearchResults : null);
        var draft = await chat.AskAsync(draftRequest, ValidateDraft, observer, cancellationToken).ConfigureAwait(false);
        if (draft.Value is not { } accepted)
        {
            return StepResult<PromptOutcome>.Fail(draft.Error!);
        }

        var grounded = sources ?? SourceFactory.FromCitations(accepted.Completion.Citations);
        var current = accepted.Value.Text;
        var rounds = new List<PromptRound>();
        PromptRound? best = null;
        for (var round = 0; round <= options.MaxRounds; round++)
        {
            var critiqueRequest = new ChatRequest(options.CriticModel, PromptBuilder.Critique(topic, grounded, current), AnswerSchemas.PromptCritique,
                AnswerSchemas.PromptCritiqueSchema, 1024, round == 0 ? "critique" : $"critique-{round}", 0);
            var critique = await chat.AskAsync(critiqueRequest, ValidateCritique, observer, cancellationToken).ConfigureAwait(false);
            if (critique.Value is not { } review)
            {
                return StepResult<PromptOutcome>.Fail(critique.Error!);
            }

            var scored = new PromptRound(round, current, weights.Score(review.Value.Scores), review.Value.Scores, review.Value.Weaknesses);
            rounds.Add(scored);
            if (best is null || scored.Score > best.Score)
            {
                best = scored;
            }

            if (scored.Score >= options.MinScore || round == options.MaxRounds)
            {
                break;
            }

            var reviseRequest = new ChatRequest(options.Model, PromptBuilder.Revise(topic, grounded, current, review.Value.Weaknesses), AnswerSchemas.PromptDraft,
                AnswerSchemas.PromptDraftSchema, options.PromptMaxTokens, $"revise-{round + 1}", options.Temperature);
            var revised = await chat.AskAsync(reviseRequest, ValidateDraft, observer, cancellationToken).ConfigureAwait(false);
            if (revised.Value is not { } next)
            {
                return StepResult<PromptOutcome>.Fail(revised.Error!);
            }

            current = next.Value.Text;
        }

        return StepResult<PromptOutcome>.Ok(new PromptOutcome(new PromptResult(best!.SystemPrompt, best.Score, rounds.Count - 1, rounds), grounded));
    }

    private Validated<DraftText> ValidateDraft(ChatCompletion completion)
    {
        var verdict = validator.ValidateDraft(completion.Content);
        return verdict.IsValid ? Validated<DraftText>.Accept(new DraftText(verdict.SystemPrompt!)) : Validated<DraftText>.Reject(verdict.Errors.Select(e => e.ToString()).ToList());
    }

    private Validated<CritiqueVerdict> ValidateCritique(ChatCompletion completion)
    {
        var verdict = validator.ValidateCritique(completion.Content);
        return verdict.IsValid
            ? Validated<CritiqueVerdict>.Accept(new CritiqueVerdict(verdict.Scores!, verdict.Weaknesses))
            : Validated<CritiqueVerdict>.Reject(verdict.Errors.Select(e => e.ToString()).ToList());
    }
}
