using PromptOptimizer.Providers;
using PromptOptimizer.Topics;

namespace PromptOptimizer.Generation;

/// <summary>
/// Asks the model, validates the answer, and repairs: a rejected answer is sent back with its errors (up to
/// <see cref="GenerationOptions.MaxRepairs"/> times); a cut answer is asked again once with more tokens (later cuts use repairs); a refusal or
/// a content filter fails the topic at once. Transport retries happen below, in the <see cref="IChatBackend"/>.
/// </summary>
internal sealed class ValidatedChat(IChatBackend provider, GenerationOptions options)
{
    /// <param name="repairMessage">Builds the message that sends errors back; null uses <see cref="PromptBuilder.Repair"/>.</param>
    /// <param name="researchDone">
    /// When it returns true at a repair, the web plugin is left off: the sources are already known (and given in the
    /// repair message), so a repair neither pays for nor gets a different search.
    /// </param>
    public async Task<StepResult<ValidatedAnswer<T>>> AskAsync<T>(
        ChatRequest request,
        Func<ChatCompletion, Validated<T>> validate,
        ICallObserver observer,
        CancellationToken cancellationToken,
        Func<IReadOnlyList<string>, ChatMessage>? repairMessage = null,
        Func<bool>? researchDone = null)
        where T : class
    {
        var messages = request.Messages.ToList();
        var maxTokens = request.MaxTokens;
        var repairs = 0;
        var grewTokens = false;
        IReadOnlyList<string> lastErrors = [];

        // Bounded: each pass either returns or consumes one repair or the single token increase.
        while (true)
        {
            var answer = await provider.ChatAsync(request with { Messages = messages, MaxTokens = maxTokens }, observer, cancellationToken).ConfigureAwait(false);
            if (answer.Error is { } error)
            {
                return StepResult<ValidatedAnswer<T>>.Fail(TopicError.From(error, request.Stage));
            }

            var completion = answer.Value!;
            var finish = completion.FinishReason.ToLowerInvariant();
            if (finish == "content_filter")
            {
                return StepResult<ValidatedAnswer<T>>.Fail(new TopicError(ErrorKind.ContentFilter, $"{request.Stage}: the answer was stopped by a content filter", false, false));
            }

            if (!string.IsNullOrEmpty(completion.Refusal))
            {
                return StepResult<ValidatedAnswer<T>>.Fail(new TopicError(ErrorKind.Refusal, $"{request.Stage}: the model refused: {Cut(completion.Refusal)}", false, false));
            }

            if (finish == "length")
            {
                // The first cut answer is asked again with twice the tokens for free; a later one costs a repair, so a
                // model that keeps running long still gets its repair budget rather than failing at the second cut.
                observer.OnRejected(request.Stage, completion.Content, ["answer cut at max_tokens (finish_reason length)"]);
                if (!grewTokens)
                {
                    grewTokens = true;
                    maxTokens *= 2;
                    continue;
                }

                if (repairs >= options.MaxRepairs)
                {
                    return StepResult<ValidatedAnswer<T>>.Fail(new TopicError(ErrorKind.Truncated,
                        $"{request.Stage}: the answer was cut at {maxTokens} tokens (finish_reason length) after {repairs} repair(s)", false, false));
                }

                repairs++;
                continue;
            }

            var verdict = validate(completion);
            if (verdict.Value is { } value)
            {
                return StepResult<ValidatedAnswer<T>>.Ok(new ValidatedAnswer<T>(value, completion, repairs));
            }

            lastErrors = verdict.Errors;
            observer.OnRejected(request.Stage, completion.Content, lastErrors);
            if (repairs >= options.MaxRepairs)
            {
                return StepResult<ValidatedAnswer<T>>.Fail(new TopicError(ErrorKind.Validation,
                    $"{request.Stage}: answer still invalid after {repairs} repair(s): {string.Join("; ", lastErrors.Take(5))}", false, false));
            }

            repairs++;
            messages.Add(ChatMessage.Assistant(completion.Content ?? ""));
            messages.Add(repairMessage?.Invoke(lastErrors) ?? PromptBuilder.Repair(lastErrors));
            if (researchDone?.Invoke() == true)
            {
                request = request with { WebResults = null };
            }
        }
    }

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
