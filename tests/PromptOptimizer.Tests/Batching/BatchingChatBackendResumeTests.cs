using PromptOptimizer.Batching;
using PromptOptimizer.Providers;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Batching;

/// <summary>Never paying twice: a later run (a new backend on the same store) reads answers from batches already submitted.</summary>
public sealed class BatchingChatBackendResumeTests
{
    private static readonly TimeSpan Linger = new BatchingOptions().Linger;

    [Fact]
    public async Task ChatAsync_RequestInABatchOfAnEarlierRun_IsReadFromItNotSubmittedAgain()
    {
        await using var h = await BatchingHarness.StartAsync();
        h.Api.HoldBatches = true;
        var first = h.Backend();
        using var killed = new CancellationTokenSource();
        var lost = first.ChatAsync(BatchingHarness.Request(), new ScopedObserver("t1"), killed.Token);
        await BatchingHarness.WaitingAsync(first, 1);
        h.Time.Advance(Linger);
        await Poll.UntilAsync(async () => (await h.Store.Batches.OutstandingBatchesAsync(default)).Any(b => b.BatchId is not null), BatchingHarness.Deadline, "the batch id recorded");
        await killed.CancelAsync();
        await first.DisposeAsync();

        h.Api.HoldBatches = false;
        var next = h.Backend();
        var answer = await next.ChatAsync(BatchingHarness.Request(), new ScopedObserver("t1"), default).WaitAsync(BatchingHarness.Deadline);

        Assert.Equal("ok:" + BatchCustomIds.For("t1", "generate", 1), answer.Value!.Content);
        Assert.Equal(1, h.Api.Submissions);
        await Poll.UntilAsync(async () => (await h.Store.Batches.OutstandingBatchesAsync(default)).Count == 0, BatchingHarness.Deadline, "the batch collected");
    }

    [Fact]
    public async Task ChatAsync_IntentWithoutIdThatTheProviderLists_IsAttachedByLabel()
    {
        await using var h = await BatchingHarness.StartAsync();
        var id = BatchCustomIds.For("t1", "generate", 1);
        await h.Store.Batches.RecordIntentAsync(new BatchIntent("po-killed-1", "openai/gpt-4o-mini", [id], 0.001m, h.Time.GetUtcNow()), default);
        await h.Api.SubmitAsync(new BatchSubmission("openai/gpt-4o-mini", [new BatchRequestItem(id, BatchingHarness.Request())],
            new Dictionary<string, string> { [BatchSubmitter.LabelKey] = "po-killed-1" }), default);

        var answer = await h.Backend().ChatAsync(BatchingHarness.Request(), new ScopedObserver("t1"), default).WaitAsync(BatchingHarness.Deadline);

        Assert.Equal("ok:" + id, answer.Value!.Content);
        Assert.Equal(1, h.Api.Submissions);
    }

    [Fact]
    public async Task ChatAsync_IntentWithoutIdThatTheProviderNeverAccepted_IsSubmittedOnce()
    {
        await using var h = await BatchingHarness.StartAsync();
        var id = BatchCustomIds.For("t1", "generate", 1);
        await h.Store.Batches.RecordIntentAsync(new BatchIntent("po-killed-1", "openai/gpt-4o-mini", [id], 0.001m, h.Time.GetUtcNow()), default);
        var backend = h.Backend();

        var answer = await h.AskAsync(backend, "t1");

        Assert.NotNull(answer.Value);
        Assert.Equal([id], h.Api.SubmittedIds());
    }

    [Fact]
    public async Task ChatAsync_SubmitLostItsAnswer_FindsTheAcceptedBatchByLabelInsteadOfResubmitting()
    {
        await using var h = await BatchingHarness.StartAsync();
        h.Api.LoseNextAcceptance = true;
        var backend = h.Backend();
        var answer = await h.AskAsync(backend, "t1");

        Assert.NotNull(answer.Value);
        Assert.Equal(1, h.Api.Submissions);
    }

    [Fact]
    public async Task ChatAsync_RequestAnotherWorkerSubmitted_IsReadFromItsBatch()
    {
        await using var h = await BatchingHarness.StartAsync();
        h.Api.HoldBatches = true;
        var first = h.Backend();
        _ = first.ChatAsync(BatchingHarness.Request(), new ScopedObserver("t1"), default);
        await BatchingHarness.WaitingAsync(first, 1);
        h.Time.Advance(Linger);
        await Poll.UntilAsync(() => h.Api.Submissions == 1, BatchingHarness.Deadline, "the first batch submitted");

        // A second worker asks for the same request: it reads the answer from the first one's batch.
        h.Api.Finish("batch_1");
        var answer = await h.Backend().ChatAsync(BatchingHarness.Request(), new ScopedObserver("t1"), default).WaitAsync(BatchingHarness.Deadline);

        Assert.NotNull(answer.Value);
        Assert.Equal(1, h.Api.Submissions);
    }
}
