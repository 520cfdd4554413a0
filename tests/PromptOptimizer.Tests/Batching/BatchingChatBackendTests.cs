using PromptOptimizer.Batching;
using PromptOptimizer.Providers;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Batching;

public sealed class BatchingChatBackendTests
{
    private static readonly TimeSpan Linger = new BatchingOptions().Linger;

    [Fact]
    public async Task ChatAsync_TwoTopicsWithinLinger_ShareOneBatchSubmittedAfterLinger()
    {
        await using var h = await BatchingHarness.StartAsync();
        var backend = h.Backend();
        var a = backend.ChatAsync(BatchingHarness.Request(), new ScopedObserver("t1"), default);
        var b = backend.ChatAsync(BatchingHarness.Request(), new ScopedObserver("t2"), default);
        await BatchingHarness.WaitingAsync(backend, 2);

        h.Time.Advance(Linger - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, h.Api.Submissions);
        h.Time.Advance(TimeSpan.FromMilliseconds(1));

        var answers = await Task.WhenAll(a, b).WaitAsync(BatchingHarness.Deadline);
        Assert.All(answers, answer => Assert.StartsWith("ok:", answer.Value!.Content, StringComparison.Ordinal));
        Assert.Single(h.Api.Submitted);
        Assert.Equal(2, h.Api.Submitted[0].Requests.Count);
    }

    [Fact]
    public async Task ChatAsync_ClockPassesTheLingerWhileItsTimerIsArmed_SubmitsWithoutWaitingAnotherLinger()
    {
        var clock = new RacingClock(BatchingHarness.Start, Linger);
        await using var h = await BatchingHarness.StartAsync(clock);
        var backend = h.Backend();
        await h.AskAsync(backend, "t0"); // the coalescer has cut its batch and waits for the next request

        clock.JumpWhenNextArmed();
        var answer = await backend.ChatAsync(BatchingHarness.Request(), new ScopedObserver("t1"), default).WaitAsync(BatchingHarness.Deadline);

        // Nobody advanced the clock after the jump: the batch went out on the time already passed.
        Assert.True(clock.Jumped);
        Assert.NotNull(answer.Value);
        Assert.Equal(2, h.Api.Submissions);
    }

    [Fact]
    public async Task Progress_FullBatchRunningAndOneRequestLeft_CountsTheBatchItsRequestsAndTheWaitingOne()
    {
        await using var h = await BatchingHarness.StartAsync();
        h.Api.HoldBatches = true;
        var backend = h.Backend(new BatchingOptions(maxRequests: 2));
        _ = Enumerable.Range(1, 3).Select(i => backend.ChatAsync(BatchingHarness.Request(), new ScopedObserver($"t{i}"), default)).ToList();

        await Poll.UntilAsync(() => backend.Progress.InProgress == 1 && backend.Progress.RequestsWaiting == 1, BatchingHarness.Deadline, "a full batch running, one request left");

        Assert.Equal(new BatchProgress(1, 1, 0, 0, 0m, 0m, RequestsInBatches: 2, RequestsWaiting: 1), backend.Progress);
    }

    [Fact]
    public async Task Progress_BatchAnswered_CountsItDoneWithNothingInBatchesOrWaiting()
    {
        await using var h = await BatchingHarness.StartAsync();
        var backend = h.Backend();
        var calls = new[] { "t1", "t2" }.Select(t => backend.ChatAsync(BatchingHarness.Request(), new ScopedObserver(t), default)).ToList();
        await BatchingHarness.WaitingAsync(backend, 2);

        h.Time.Advance(Linger);
        await Task.WhenAll(calls).WaitAsync(BatchingHarness.Deadline);

        var progress = backend.Progress;
        Assert.Equal((1, 0, 1, 2L, 0, 0), (progress.Submitted, progress.InProgress, progress.Done, progress.Answered, progress.RequestsInBatches, progress.RequestsWaiting));
        Assert.Equal(0.002m, progress.CostUsd);
    }

    [Fact]
    public async Task ChatAsync_MaxRequestsReached_SubmitsAtOnceAndKeepsTheRestWaiting()
    {
        await using var h = await BatchingHarness.StartAsync();
        var backend = h.Backend(new BatchingOptions(maxRequests: 2));
        var calls = Enumerable.Range(1, 3).Select(i => backend.ChatAsync(BatchingHarness.Request(), new ScopedObserver($"t{i}"), default)).ToList();

        await Poll.UntilAsync(() => h.Api.Submissions == 1 && backend.Progress.RequestsWaiting == 1, BatchingHarness.Deadline, "a full batch submitted, one request left");
        Assert.Equal(2, h.Api.Submitted[0].Requests.Count);

        h.Time.Advance(Linger);
        await Task.WhenAll(calls).WaitAsync(BatchingHarness.Deadline);
        Assert.Equal(2, h.Api.Submissions);
    }

    [Fact]
    public async Task ChatAsync_BytesLimitReached_SplitsIntoBatchesUnderTheLimit()
    {
        await using var h = await BatchingHarness.StartAsync();
        var size = System.Text.Encoding.UTF8.GetByteCount(OpenRouterClient.SerializeRequest(BatchingHarness.Request()));
        var backend = h.Backend(new BatchingOptions(maxBytes: (size * 2) + 1));
        var calls = Enumerable.Range(1, 5).Select(i => backend.ChatAsync(BatchingHarness.Request(), new ScopedObserver($"t{i}"), default)).ToList();
        await Poll.UntilAsync(() => h.Api.Submissions == 2, BatchingHarness.Deadline, "two full batches");

        h.Time.Advance(Linger);
        await Task.WhenAll(calls).WaitAsync(BatchingHarness.Deadline);
        Assert.Equal([2, 2, 1], h.Api.Submitted.Select(s => s.Requests.Count));
    }

    [Fact]
    public async Task ChatAsync_CriticModelOfItsOwn_GoesIntoASeparateBatch()
    {
        await using var h = await BatchingHarness.StartAsync();
        var backend = h.Backend();
        var generate = backend.ChatAsync(BatchingHarness.Request("model-a"), new ScopedObserver("t1"), default);
        var critique = backend.ChatAsync(BatchingHarness.Request("model-b", "critique"), new ScopedObserver("t2"), default);
        await BatchingHarness.WaitingAsync(backend, 2);

        h.Time.Advance(Linger);
        await Task.WhenAll(generate, critique).WaitAsync(BatchingHarness.Deadline);
        Assert.Equal(["model-a", "model-b"], h.Api.Submitted.Select(s => s.Model).Order());
        Assert.All(h.Api.Submitted, s => Assert.Single(s.Requests));
    }

    [Fact]
    public async Task ChatAsync_TransientItemError_RetriesInALaterBatchUnderTheNextName()
    {
        await using var h = await BatchingHarness.StartAsync();
        var failedOnce = false;
        var normal = h.Api.Answer;
        h.Api.Answer = item => !failedOnce && (failedOnce = true)
            ? new BatchResultItem(item.CustomId, null, new ProviderError("openrouter", ErrorKind.Transient, "upstream 502", 502, true, false))
            : normal(item);
        var backend = h.Backend();
        var observer = new ScopedObserver("t1");
        var call = backend.ChatAsync(BatchingHarness.Request(), observer, default);
        await BatchingHarness.WaitingAsync(backend, 1);
        h.Time.Advance(Linger);
        await Poll.UntilAsync(() => backend.Progress.RequestsWaiting == 1 && h.Api.Submissions == 1, BatchingHarness.Deadline, "the retry waiting for the next batch");
        h.Time.Advance(Linger);

        var answer = await call.WaitAsync(BatchingHarness.Deadline);
        Assert.NotNull(answer.Value);
        var ids = h.Api.SubmittedIds();
        Assert.Equal(2, ids.Count);
        Assert.Equal(ids[0] + "-r1", ids[1]);
        Assert.Equal([ErrorKind.Transient, ErrorKind.None], observer.Attempts.Select(a => a.Kind));
    }

    [Fact]
    public async Task ChatAsync_BadRequestItem_FailsWithoutRetry()
    {
        await using var h = await BatchingHarness.StartAsync();
        h.Api.Answer = item => new BatchResultItem(item.CustomId, null, new ProviderError("openrouter", ErrorKind.BadRequest, "context too long", 400, false, false));
        var backend = h.Backend();
        var answer = await h.AskAsync(backend, "t1");

        Assert.Equal(ErrorKind.BadRequest, answer.Error!.Kind);
        Assert.Equal(1, h.Api.Submissions);
    }

    [Fact]
    public async Task ChatAsync_RepairAfterAnAnswer_JoinsALaterBatchUnderItsOwnName()
    {
        await using var h = await BatchingHarness.StartAsync();
        var backend = h.Backend();
        var observer = new ScopedObserver("t1");
        var first = backend.ChatAsync(BatchingHarness.Request(), observer, default);
        await BatchingHarness.WaitingAsync(backend, 1);
        h.Time.Advance(Linger);
        await first.WaitAsync(BatchingHarness.Deadline);

        var repair = backend.ChatAsync(BatchingHarness.Request(text: "hello, and fix these errors"), observer, default);
        await BatchingHarness.WaitingAsync(backend, 1);
        h.Time.Advance(Linger);
        await repair.WaitAsync(BatchingHarness.Deadline);

        var ids = h.Api.SubmittedIds();
        Assert.Equal(2, h.Api.Submissions);
        Assert.EndsWith("-generate-1", ids[0], StringComparison.Ordinal);
        Assert.EndsWith("-generate-2", ids[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatAsync_CancelledWhileWaiting_IsNeverSubmitted()
    {
        await using var h = await BatchingHarness.StartAsync();
        var backend = h.Backend();
        using var interrupt = new CancellationTokenSource();
        var call = backend.ChatAsync(BatchingHarness.Request(), new ScopedObserver("t1"), interrupt.Token);
        await BatchingHarness.WaitingAsync(backend, 1);

        await interrupt.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(BatchingHarness.Deadline));
        h.Time.Advance(Linger * 2);
        Assert.Equal(0, backend.Progress.RequestsWaiting);
        Assert.Equal(0, h.Api.Submissions);
    }

    [Fact]
    public async Task ChatAsync_BatchWouldPassMaxCost_IsRefusedAndStopsTheRun()
    {
        await using var h = await BatchingHarness.StartAsync();
        var backend = h.Backend(new BatchingOptions(maxCost: 0.0000001m));
        var answer = await h.AskAsync(backend, "t1");

        Assert.True(answer.Error!.StopsRun);
        Assert.Contains("--max-cost", answer.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Api.Submissions);
    }

    [Fact]
    public async Task ChatAsync_SubmitAnswers404_StopsTheRunNamingBatchApi()
    {
        await using var h = await BatchingHarness.StartAsync();
        h.Api.FailNextSubmit(new ProviderError("openrouter", ErrorKind.NotFound, "Not Found", 404, false, false));
        var backend = h.Backend();
        var answer = await h.AskAsync(backend, "t1");

        Assert.True(answer.Error!.StopsRun);
        Assert.Contains("--batch-api", answer.Error.Message, StringComparison.Ordinal);
        Assert.Empty(await h.Store.Batches.OutstandingBatchesAsync(default));
    }
}
