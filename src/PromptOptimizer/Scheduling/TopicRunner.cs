using PromptOptimizer.Costs;
using PromptOptimizer.Generation;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Research;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;
using PromptOptimizer.Validation;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// One topic under tracking: claim, run the pipeline, record every call, then complete or fail. The output file is
/// written before the row says completed, so a crash in between is repaired by adoption, never by paying again.
/// Store writes are never cancelled: what happened must be recorded even while the run is being interrupted.
/// </summary>
internal sealed class TopicRunner(
    TopicLoader loader,
    ICompletionStore store,
    TopicPipeline pipeline,
    PriceTable prices,
    TimeProvider time,
    int webResults) : ITopicWork
{
    /// <inheritdoc/>
    public event Action<decimal>? CostIncurred;

    /// <summary>
    /// The per-topic work of a run (or of a worker's claimed topics) with these settings, calling through <paramref name="provider"/>;
    /// chat completions go to <paramref name="chatBackend"/> instead when given (the Batch API).
    /// </summary>
    /// <param name="research">Where sources come from instead of Exa (a local library); null: Exa, or the web plugin when the settings say so.</param>
    public static TopicRunner Create(
        RunSettings settings, ResilientProvider provider, TopicLoader loader, ICompletionStore store, OutputPaths paths, PriceTable prices, TimeProvider time,
        ITopicResearcher? research = null, IChatBackend? chatBackend = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var generation = new GenerationOptions(settings.Model, settings.CriticModel, settings.MaxRepairs, settings.MinScore, settings.MaxRounds, settings.SearchResults);
        var chat = new ValidatedChat(chatBackend ?? provider, generation);
        var pipeline = new TopicPipeline(settings.Variant, settings.UseWebPlugin, research ?? new ExaResearcher(provider, generation.SearchResults),
            new FlashcardGenerator(chat, generation, new FlashcardValidator()), new SystemPromptOptimizer(chat, generation, new PromptValidator(), RubricWeights.Default),
            generation, paths, time);
        return new TopicRunner(loader, store, pipeline, prices, time, settings.SearchResults);
    }

    /// <inheritdoc/>
    public async Task<(TopicOutcome Outcome, TopicError? Error)> RunAsync(string topicPath, int batch, RunOptions options, CancellationToken abort)
    {
        var started = time.GetTimestamp();
        var product = pipeline.Product;
        var load = loader.Load(topicPath);
        if (load.Topic is not { } topic)
        {
            var error = new TopicError(ErrorKind.InvalidTopic, $"{topicPath}: {load.Error}", false, false);
            await store.ClaimAsync(new TopicClaim(topicPath, product, "invalid", options.RunId, options.WorkerId, time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            await store.FailAsync(new TopicFailure(topicPath, product, null, options.RunId, options.WorkerId, error.Kind.ToString(), error.Message, time.GetUtcNow(), 0, 0, 0, 0m), CancellationToken.None).ConfigureAwait(false);
            return (Outcome(topicPath, batch, OutcomeStatus.Failed, error, UsageSummary.Zero, 0, null, started), error);
        }

        var claimed = await store.ClaimAsync(new TopicClaim(topic.Path, product, topic.ContentHash, options.RunId, options.WorkerId, time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
        if (!claimed)
        {
            return (Outcome(topicPath, batch, OutcomeStatus.Skipped, null, UsageSummary.Zero, 0, null, started), null);
        }

        var log = new TopicCallLog(prices) { CallScope = $"{OutputKinds.NameOf(product)}|{topic.Path}|{topic.ContentHash}" };
        log.AttemptRecorded += attempt => CostIncurred?.Invoke(attempt.Cost);
        PipelineResult result;
        try
        {
            result = await pipeline.RunAsync(topic, log, abort).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return await ReleaseAsync(topicPath, topic.Path, batch, product, options.RunId, log, started).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A bug in one topic must not take the whole run down; it is recorded as that topic's failure.
        catch (Exception ex) when (ex is not OperationCanceledException and not StoreUnavailableException)
#pragma warning restore CA1031
        {
            result = new PipelineResult(null, null, new TopicError(ErrorKind.Transient, "internal error: " + ex.Message, true, false));
        }

        // A call refused before it was sent (a batch over --max-cost) leaves the topic for a later run, as an interrupt does.
        if (result.Error is { Kind: ErrorKind.Cancelled, StopsRun: true } refused)
        {
            var (outcome, _) = await ReleaseAsync(topicPath, topic.Path, batch, product, options.RunId, log, started).ConfigureAwait(false);
            return (outcome, refused);
        }

        // The attempts and the verdict are queued together and awaited once: the single writer commits them in order,
        // in one batch or consecutive ones, instead of the topic waiting for two commits in a row.
        var attempts = RecordAttemptsAsync(topic.Path, product, options.RunId, log);
        var usage = log.Usage(webResults);
        var durationMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
        if (result.Error is { } failure)
        {
            var failed = store.FailAsync(new TopicFailure(topic.Path, product, topic.ContentHash, options.RunId, options.WorkerId, failure.Kind.ToString(), failure.Message,
                time.GetUtcNow(), durationMs, usage.PromptTokens, usage.CompletionTokens, usage.CostUsd), CancellationToken.None);
            await Task.WhenAll(attempts, failed).ConfigureAwait(false);
            return (Outcome(topicPath, batch, OutcomeStatus.Failed, failure, usage, log.Attempts.Count, null, started), failure);
        }

        var now = time.GetUtcNow();
        var completion = new TopicCompletion(topic.Path, product, topic.ContentHash, options.RunId, options.WorkerId, result.OutputPath!,
            now, durationMs, usage.PromptTokens, usage.CompletionTokens, usage.CostUsd, result.Json) { TopicStamp = topic.Stamp?.SettledBy(now) };
        var completing = store.CompleteAsync(completion, CancellationToken.None);
        await Task.WhenAll(attempts, completing).ConfigureAwait(false);
        var completed = await completing.ConfigureAwait(false);

        // Losing the claim means another worker took the topic over after our lease ran out; its result stands.
        var status = completed ? OutcomeStatus.Completed : OutcomeStatus.Skipped;
        return (Outcome(topicPath, batch, status, null, usage, log.Attempts.Count, result.OutputPath, started), null);
    }

    private async Task<(TopicOutcome Outcome, TopicError? Error)> ReleaseAsync(string topicPath, string path, int batch, OutputKind product, string runId, TopicCallLog log, long started)
    {
        await RecordAttemptsAsync(path, product, runId, log).ConfigureAwait(false);
        await store.ReleaseAsync(product, path, runId, CancellationToken.None).ConfigureAwait(false);
        var cancelled = new TopicError(ErrorKind.Cancelled, "interrupted in flight; back to pending", true, false);
        return (Outcome(topicPath, batch, OutcomeStatus.Cancelled, cancelled, log.Usage(webResults), log.Attempts.Count, null, started), cancelled);
    }

    private Task RecordAttemptsAsync(string topicPath, OutputKind product, string runId, TopicCallLog log)
    {
        // Queued together: the store's single writer commits them in one batch instead of one round trip each.
        var now = time.GetUtcNow();
        var writes = new List<Task>();
        foreach (var attempt in log.Attempts)
        {
            writes.Add(store.RecordAttemptAsync(new AttemptRecord(topicPath, product, runId, $"{attempt.Stage}:{attempt.Provider}", attempt.StatusCode,
                attempt.Error, attempt.PromptTokens, attempt.CompletionTokens, attempt.Cost, (long)attempt.Latency.TotalMilliseconds, now,
                attempt.RequestBody, attempt.RawBody), CancellationToken.None));
        }

        foreach (var rejected in log.Rejected)
        {
            writes.Add(store.RecordAttemptAsync(new AttemptRecord(topicPath, product, runId, $"{rejected.Stage}:validation", null,
                string.Join("; ", rejected.Errors), 0, 0, 0m, 0, now, null, rejected.Content), CancellationToken.None));
        }

        return Task.WhenAll(writes);
    }

    private TopicOutcome Outcome(string path, int batch, OutcomeStatus status, TopicError? error, UsageSummary usage, int calls, string? output, long started) =>
        new(path, batch, status, error?.Kind ?? ErrorKind.None, error?.IsTransient ?? false, error?.Message, usage, calls, output, time.GetElapsedTime(started));
}
