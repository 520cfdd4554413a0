using Polly;
using Polly.Retry;
using Polly.Timeout;
using PromptOptimizer.Providers;

namespace PromptOptimizer.Batching;

/// <summary>
/// The Polly pipelines around the batch endpoint. A call is retried while its error is transient (429, 5xx, a dropped
/// connection, a timeout), waiting as long as the provider's <c>Retry-After</c> says, else with exponential backoff;
/// a status read is repeated, with a growing pause, until the batch is finished.
/// </summary>
internal static class BatchApiPolicies
{
    /// <summary>How many times more retries a call gets than <see cref="BatchingOptions.MaxRetries"/>: losing a batch's status costs far more than waiting.</summary>
    public const int CallBudgetFactor = 4;

    /// <summary>Retries one call to the batch endpoint while its error is transient; each attempt has the request timeout.</summary>
    public static ResiliencePipeline<ProviderAnswer<T>> Call<T>(BatchingOptions options, TimeProvider time)
        where T : class =>
        new ResiliencePipelineBuilder<ProviderAnswer<T>> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<ProviderAnswer<T>>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries * CallBudgetFactor),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is TimeoutRejectedException || args.Outcome.Result?.Error is { IsTransient: true }),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Result?.Error?.RetryAfter ?? Backoff(options.PollInitial, options.PollMax, args.AttemptNumber)),
            })
            .AddTimeout(options.RequestTimeout)
            .Build();

    /// <summary>
    /// Retries a submission only when the provider answered and refused it (429, 5xx): without an answer (a timeout,
    /// a dropped connection) the batch may have been accepted, and sending it again could pay for it twice.
    /// </summary>
    public static ResiliencePipeline<ProviderAnswer<BatchStatus>> Submit(BatchingOptions options, TimeProvider time) =>
        new ResiliencePipelineBuilder<ProviderAnswer<BatchStatus>> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<ProviderAnswer<BatchStatus>>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries * CallBudgetFactor),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Error is { IsTransient: true, StatusCode: not null }),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Result?.Error?.RetryAfter ?? Backoff(options.PollInitial, options.PollMax, args.AttemptNumber)),
            })
            .AddTimeout(options.RequestTimeout)
            .Build();

    /// <summary>Reads a batch's status again, pausing longer each time (or as long as <c>Retry-After</c> says), until it is finished or the read fails for good.</summary>
    public static ResiliencePipeline<ProviderAnswer<BatchStatus>> UntilFinished(BatchingOptions options, TimeProvider time) =>
        new ResiliencePipelineBuilder<ProviderAnswer<BatchStatus>> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<ProviderAnswer<BatchStatus>>
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Value: { IsTerminal: false } }),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Backoff(options.PollInitial, options.PollMax, args.AttemptNumber)),
            })
            .Build();

    /// <summary>Runs <paramref name="call"/> under <paramref name="pipeline"/>; a last attempt that timed out comes back as a transient error.</summary>
    public static async Task<ProviderAnswer<T>> ExecuteAsync<T>(
        this ResiliencePipeline<ProviderAnswer<T>> pipeline, Func<CancellationToken, Task<ProviderAnswer<T>>> call, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await pipeline.ExecuteAsync(async token => await call(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            return ProviderAnswer<T>.Failed(new ProviderError(OpenRouterClient.ProviderName, ErrorKind.Timeout, "no answer from the batch endpoint within the request timeout", null, IsTransient: true, StopsRun: false));
        }
    }

    /// <summary>The pause before attempt <paramref name="attempt"/> + 1: doubling from <paramref name="first"/>, never above <paramref name="max"/>.</summary>
    public static TimeSpan Backoff(TimeSpan first, TimeSpan max, int attempt) =>
        TimeSpan.FromTicks((long)Math.Min(max.Ticks, first.Ticks * Math.Pow(2, Math.Min(attempt, 30))));
}
