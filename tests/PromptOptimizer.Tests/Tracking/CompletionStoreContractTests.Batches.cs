using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Tracking;

/// <summary>The provider batches every store records (<see cref="IBatchLedger"/>, <c>--batch-api</c>).</summary>
public abstract partial class CompletionStoreContractTests
{
    [SkippableFact]
    public async Task RecordIntentAsync_NewIds_IsOutstandingWithoutAnIdAndFindsEveryRequest()
    {
        await using var store = await CreateStoreAsync();

        var taken = await store.Batches.RecordIntentAsync(new BatchIntent("po-1", "m", ["a", "b"], 0.25m, Start), default);

        Assert.Empty(taken);
        var batch = Assert.Single(await store.Batches.OutstandingBatchesAsync(default));
        Assert.Equal(new RecordedBatch("po-1", null, "m", RecordedBatch.Intent, 2, 0, 0, 0.25m, Start, Start), batch);
        var found = await store.Batches.FindBatchesAsync(["a", "b", "c"], default);
        Assert.Equal(["a", "b"], found.Keys.Order());
        Assert.All(found.Values, b => Assert.Equal("po-1", b.Label));
    }

    [SkippableFact]
    public async Task RecordIntentAsync_IdHeldByAnotherBatch_ReturnsItAsTakenAndLeavesItThere()
    {
        await using var store = await CreateStoreAsync();
        await store.Batches.RecordIntentAsync(new BatchIntent("po-1", "m", ["a"], 0m, Start), default);

        var taken = await store.Batches.RecordIntentAsync(new BatchIntent("po-2", "m", ["a", "b"], 0m, Start), default);

        Assert.Equal(["a"], taken);
        var found = await store.Batches.FindBatchesAsync(["a", "b"], default);
        Assert.Equal("po-1", found["a"].Label);
        Assert.Equal("po-2", found["b"].Label);
    }

    [SkippableFact]
    public async Task RecordIntentAsync_SameIntentTwice_TakesNothing()
    {
        await using var store = await CreateStoreAsync();
        var intent = new BatchIntent("po-1", "m", ["a", "b"], 0m, Start);
        await store.Batches.RecordIntentAsync(intent, default);

        Assert.Empty(await store.Batches.RecordIntentAsync(intent, default));
        Assert.Single(await store.Batches.OutstandingBatchesAsync(default));
    }

    [SkippableFact]
    public async Task RecordSubmittedAsync_ThenCollected_IsNoLongerOutstandingButStillFound()
    {
        await using var store = await CreateStoreAsync();
        await store.Batches.RecordIntentAsync(new BatchIntent("po-1", "m", ["a"], 0m, Start), default);
        await store.Batches.RecordSubmittedAsync("po-1", "batch_9", "validating", Start.AddSeconds(1), default);

        var submitted = Assert.Single(await store.Batches.OutstandingBatchesAsync(default));
        Assert.Equal(("batch_9", "validating", Start.AddSeconds(1)), (submitted.BatchId, submitted.Status, submitted.UpdatedAt));

        await store.Batches.UpdateBatchAsync("po-1", RecordedBatch.Collected, 1, 0, Start.AddMinutes(1), default);
        Assert.Empty(await store.Batches.OutstandingBatchesAsync(default));
        var found = (await store.Batches.FindBatchesAsync(["a"], default))["a"];
        Assert.Equal(("batch_9", RecordedBatch.Collected, 1), (found.BatchId, found.Status, found.Completed));
    }

    [SkippableFact]
    public async Task AbandonBatchAsync_Intent_FreesItsIdsForAnotherBatch()
    {
        await using var store = await CreateStoreAsync();
        await store.Batches.RecordIntentAsync(new BatchIntent("po-1", "m", ["a"], 0m, Start), default);

        await store.Batches.AbandonBatchAsync("po-1", Start, default);

        Assert.Empty(await store.Batches.OutstandingBatchesAsync(default));
        Assert.Empty(await store.Batches.FindBatchesAsync(["a"], default));
        Assert.Empty(await store.Batches.RecordIntentAsync(new BatchIntent("po-2", "m", ["a"], 0m, Start), default));
    }
}
