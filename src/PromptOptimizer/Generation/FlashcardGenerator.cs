using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Research;
using PromptOptimizer.Topics;
using PromptOptimizer.Validation;

namespace PromptOptimizer.Generation;

/// <summary>
/// Asks for a topic's cards and accepts only a valid set. With <c>sources</c> the model cites them by id (direct Exa
/// research); without, the web plugin researches and the cards cite the URLs of its <c>url_citation</c> annotations.
/// </summary>
internal sealed class FlashcardGenerator(ValidatedChat chat, GenerationOptions options, FlashcardValidator validator)
{
    public async Task<StepResult<FlashcardSet>> GenerateAsync(TopicDefinition topic, IReadOnlyList<SourceDocument>? sources, ICallObserver observer, CancellationToken cancellationToken)
    {
        var request = new ChatRequest(
            options.Model,
            PromptBuilder.Flashcards(topic, sources),
            AnswerSchemas.Flashcards,
            AnswerSchemas.FlashcardsSchema,
            options.FlashcardMaxTokens,
            "generate",
            options.Temperature,
            sources is null ? options.SearchResults : null);

        // Web-plugin mode: the first answer's citations are the topic's sources; repairs cite them without a new search.
        IReadOnlyList<SourceDocument>? found = null;
        var result = await chat.AskAsync(
            request,
            completion =>
            {
                if (sources is null && completion.Citations.Count > 0)
                {
                    found = SourceFactory.FromCitations(completion.Citations);
                }

                return Validate(topic, sources ?? found ?? [], completion);
            },
            observer,
            cancellationToken,
            errors => found is null ? PromptBuilder.Repair(errors) : PromptBuilder.RepairWithSources(errors, found),
            () => found is not null).ConfigureAwait(false);
        return result.Value is { } accepted
            ? StepResult<FlashcardSet>.Ok(accepted.Value with { Repairs = accepted.Repairs })
            : StepResult<FlashcardSet>.Fail(result.Error!);
    }

    private Validated<FlashcardSet> Validate(TopicDefinition topic, IReadOnlyList<SourceDocument> sources, ChatCompletion completion)
    {
        if (sources.Count == 0)
        {
            return Validated<FlashcardSet>.Reject(["[citation] no web results came back to cite; research the topic on the web and cite the result URLs"]);
        }

        var verdict = validator.Validate(completion.Content, topic.CardCount, sources);
        return verdict.IsValid
            ? Validated<FlashcardSet>.Accept(new FlashcardSet(verdict.Cards, sources, 0))
            : Validated<FlashcardSet>.Reject(verdict.Errors.Select(e => e.ToString()).ToList());
    }
}
