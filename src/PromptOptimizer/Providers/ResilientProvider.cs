using System.Threading.RateLimiting;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PromptOptimizer.Providers;

/// <summary>
/// The only way the engine talks to providers: each call waits at its provider's <see cref="ProviderGate"/> (a cooldown,
/// or an outage), takes a rate-limit permit, runs under a per-attempt timeout, and is retried by a Polly pipeline while
/// its error is transient. A failure that the gate counts as the provider's outage is waited out, not retried.
/// Every attempt is reported to the caller's <see cref="ICallObserver"/>. Without a declared chat limit the chat
/// provider's rate is learned from its refusals by an <see cref="AdaptiveRateLimiter"/> owned here.
/// </summary>
internal sealed class ResilientProvider : IChatBackend, IDisposable
{
    private readonly OpenRouterClient _chat;
    private readonly ExaClient? _exa;
    private readonly RateLimiter _chatLimiter;
    private readonly AdaptiveRateLimiter? _adaptiveChat;
    private readonly RateLimiter? _exaLimiter;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _timeout;
    private readonly ResiliencePipeline<ProviderAnswer<ChatCompletion>> _chatRetry;
    private readonly ResiliencePipeline<ProviderAnswer<SearchResponse>> _searchRetry;
    private readonly PriceTable _prices;
    private long _expiredPermits;

    /// <summary>How many times more retries a rate-limited call gets than <see cref="ResilienceOptions.MaxRetries"/>.</summary>
    public const int RateLimitedBudgetFactor = 4;

    /// <summary>How many expired permits (<see cref="IExpiringLease"/>) in a row one attempt gives up before it spends the next regardless.</summary>
    public const int MaxExpiredLeases = 3;

    public ResilientProvider(
        OpenRouterClient chat,
        ExaClient? exa,
        ResilienceOptions options,
        TimeProvider time,
        PriceTable prices,
        RateLimiter? chatLimiter = null,
        RateLimiter? exaLimiter = null,
        AdaptiveRateOptions? adaptiveChat = null)
    {
        _chat = chat;
        _exa = exa;
        _time = time;
        _prices = prices;
        _exaLimiter = exaLimiter;
        ChatGate = new ProviderGate(OpenRouterClient.ProviderName, time, options);
        ExaGate = new ProviderGate(ExaClient.ProviderName, time, options);

        // A declared limit (--rpm) is exact and wins; otherwise the limit is learned, never ignored.
        _adaptiveChat = chatLimiter is null ? new AdaptiveRateLimiter(ChatGate, time, adaptiveChat) : null;
        _chatLimiter = chatLimiter ?? _adaptiveChat!;
        _timeout = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(options.RequestTimeout).Build();
        _chatRetry = BuildRetry<ChatCompletion>(options, time, ChatGate);
        _searchRetry = BuildRetry<SearchResponse>(options, time, ExaGate);
    }

    public ProviderGate ChatGate { get; }

    public ProviderGate ExaGate { get; }

    public bool HasExa => _exa is not null;

    /// <summary>Permits given up unspent because they expired before their request could leave (<see cref="IExpiringLease"/>).</summary>
    public long ExpiredPermits => Interlocked.Read(ref _expiredPermits);

    /// <summary>The learned chat rate when no chat limit was declared; null with a declared one.</summary>
    public AdaptiveRateLimiter? AdaptiveChat => _adaptiveChat;

    /// <summary>Stops the adaptive chat limiter this provider owns; limiters passed in belong to the caller.</summary>
    public void Dispose() => _adaptiveChat?.Dispose();

    public async Task<ProviderAnswer<ChatCompletion>> ChatAsync(ChatRequest request, ICallObserver observer, CancellationToken cancellationToken)
    {
        var body = OpenRouterClient.SerializeRequest(request);
        var call = new ProviderCall<ChatCompletion>(
            OpenRouterClient.ProviderName, request.Stage, body, ChatGate, _chatLimiter,
            t => _chat.SendAsync(request, body, _time, t),
            answer => ChatCost(request, answer));
        return await _chatRetry.ExecuteAsync(
            async token => await AttemptAsync(call, observer, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProviderAnswer<SearchResponse>> SearchAsync(SearchRequest request, ICallObserver observer, CancellationToken cancellationToken)
    {
        if (_exa is null)
        {
            throw new InvalidOperationException("Exa search is not configured for this run.");
        }

        var body = ExaClient.SerializeRequest(request);
        var call = new ProviderCall<SearchResponse>(
            ExaClient.ProviderName, "research", body, ExaGate, _exaLimiter,
            t => _exa.SearchAsync(body, _time, t),
            answer => (0, 0, answer.Cost ?? _prices.ExaSearch, answer.Cost is null));
        return await _searchRetry.ExecuteAsync(
            async token => await AttemptAsync(call, observer, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private (long Prompt, long Completion, decimal Cost, bool Estimated) ChatCost(ChatRequest request, ChatCompletion answer)
    {
        if (answer.Cost is { } cost)
        {
            return (answer.PromptTokens, answer.CompletionTokens, cost, false);
        }

        // Endpoints other than OpenRouter (Ollama, vLLM) report tokens but no money: estimate, and say so.
        var estimate = _prices.Estimate(request.Model, answer.PromptTokens, answer.CompletionTokens)
            + (request.WebResults is { } n ? _prices.WebSearchFee(n) : 0m);
        return (answer.PromptTokens, answer.CompletionTokens, estimate, true);
    }

    private async ValueTask<ProviderAnswer<T>> AttemptAsync<T>(
        ProviderCall<T> call, ICallObserver observer, CancellationToken cancellationToken)
        where T : class
    {
        // The observer stands for the topic: the gate tells one topic's bad luck from an outage by who failed.
        var gate = call.Gate;
        while (true)
        {
            if (!await gate.WaitAsync(observer, cancellationToken).ConfigureAwait(false))
            {
                // Whoever runs the batch heard OutageOutlasted and is cancelling; the error reaches only a caller nobody stops.
                cancellationToken.ThrowIfCancellationRequested();
                return ProviderAnswer<T>.Failed(gate.OutageError);
            }

            ProviderAnswer<T> answer;
            try
            {
                answer = await SendOnceAsync(call, observer, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                gate.Abandon(observer);
                throw;
            }

            // While the provider is down, a failed attempt is the outage's, not this call's: wait for it and go again.
            if (!gate.Record(observer, answer.Error))
            {
                return answer;
            }
        }
    }

    private async ValueTask<ProviderAnswer<T>> SendOnceAsync<T>(
        ProviderCall<T> call, ICallObserver observer, CancellationToken cancellationToken)
        where T : class
    {
        // After the gate: a Retry-After pause lasts seconds, and waiting it out while holding a permit would spend the
        // permit late (or, for an expiring one, waste it).
        var (provider, stage, body, gate, limiter, send, usage) = call;
        using var lease = limiter is null ? null : await AcquireFreshAsync(limiter, cancellationToken).ConfigureAwait(false);

        var started = _time.GetTimestamp();
        ProviderAnswer<T> answer;
        try
        {
            answer = await _timeout.ExecuteAsync(async t => await send(t).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            answer = ProviderAnswer<T>.Failed(new ProviderError(provider, ErrorKind.Timeout, "no answer within the request timeout", null, IsTransient: true, StopsRun: false));
        }

        var latency = _time.GetElapsedTime(started);
        if (lease is not null && limiter is AdaptiveRateLimiter adaptive)
        {
            if (answer.Error is { Kind: ErrorKind.RateLimited })
            {
                adaptive.ReportRefused(lease);
            }
            else
            {
                adaptive.ReportAnswered(lease);
            }
        }

        if (answer.Error is { RetryAfter: { } wait, IsTransient: true })
        {
            gate.PauseFor(wait);
        }

        var (prompt, completion, cost, estimated) = answer.Value is { } value ? usage(value) : (0L, 0L, 0m, false);
        observer.OnAttempt(new CallAttempt(
            provider, stage, answer.Error is { } failed ? failed.StatusCode : 200, answer.Error?.Kind ?? ErrorKind.None, answer.Error?.Message,
            prompt, completion, cost, estimated, latency, body, answer.Error is null ? null : answer.RawBody));
        return answer;
    }

    /// <summary>
    /// A permit that is still good to spend. One that expired before its request could leave (the process stalled
    /// after the grant) is given up for a fresh one, counted in <see cref="ExpiredPermits"/>; after
    /// <see cref="MaxExpiredLeases"/> in a row the next is spent even if expired, because a process that slow would
    /// otherwise waste every permit it is granted. Only the time until this check is covered.
    /// </summary>
    private async ValueTask<RateLimitLease> AcquireFreshAsync(RateLimiter limiter, CancellationToken cancellationToken)
    {
        var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        for (var expired = 0; expired < MaxExpiredLeases && lease is IExpiringLease { IsExpired: true }; expired++)
        {
            Interlocked.Increment(ref _expiredPermits);
            lease.Dispose();
            lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }

        return lease;
    }

    private static ResiliencePipeline<ProviderAnswer<T>> BuildRetry<T>(ResilienceOptions options, TimeProvider time, ProviderGate gate)
        where T : class
    {
        var builder = new ResiliencePipelineBuilder<ProviderAnswer<T>> { TimeProvider = time };
        if (options.MaxRetries == 0)
        {
            return builder.Build();
        }

        // Being told to wait is not a failure of the call: rate-limited attempts get a larger budget than other
        // transient errors, so a busy provider slows topics down instead of failing them.
        return builder.AddRetry(new RetryStrategyOptions<ProviderAnswer<T>>
        {
            MaxRetryAttempts = options.MaxRetries * RateLimitedBudgetFactor,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Error switch
            {
                { Kind: ErrorKind.RateLimited } => true,
                { IsTransient: true } => args.AttemptNumber < options.MaxRetries,
                _ => false,
            }),
            DelayGenerator = args =>
            {
                // With Retry-After the provider-wide gate already holds every call until then.
                if (args.Outcome.Result?.Error?.RetryAfter is not null || gate.PausedUntil is not null)
                {
                    return ValueTask.FromResult<TimeSpan?>(TimeSpan.Zero);
                }

                // Exponential backoff with full jitter: anywhere between zero and the doubled ceiling.
                var ceiling = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, args.AttemptNumber));
                return ValueTask.FromResult<TimeSpan?>(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling));
            },
        }).Build();
    }
}
