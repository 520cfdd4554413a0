using PromptOptimizer.Batching;
using PromptOptimizer.Providers;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Batching;

/// <summary>Re-attaching to an earlier run's batches; what the provider answers comes back as data, never as an exception.</summary>
public sealed class BatchRecoveryTests
{
    private static readonly ProviderError Unauthorized = new("openrouter", ErrorKind.Authentication, "invalid key", 401, false, true);

    [Fact]
    public async Task RecoverAsync_OrphanedIntentAndTheListFails_ReturnsAnErrorThatStopsTheRun()
    {
        await using var h = await BatchingHarness.StartAsync();
        await RecordIntentAsync(h, "po-killed-1");
        h.Api.ListError = Unauthorized with { StopsRun = false };

        var stop = await Recovery(h).RecoverAsync(default);

        Assert.NotNull(stop);
        Assert.Equal((ErrorKind.Authentication, 401, false, true), (stop.Kind, stop.StatusCode, stop.IsTransient, stop.StopsRun));
        Assert.StartsWith("cannot list the provider's batches to find one recorded without an id", stop.Message, StringComparison.Ordinal);
        Assert.Equal(RecordedBatch.Intent, Assert.Single(await h.Store.Batches.OutstandingBatchesAsync(default)).Status);
    }

    [Fact]
    public async Task RecoverAsync_NothingOutstanding_ReturnsNoErrorWithoutListing()
    {
        await using var h = await BatchingHarness.StartAsync();
        h.Api.ListError = Unauthorized;

        Assert.Null(await Recovery(h).RecoverAsync(default));
    }

    [Fact]
    public async Task ResolveAsync_IntentTheProviderDoesNotList_IsGivenUp()
    {
        await using var h = await BatchingHarness.StartAsync();
        var intent = await RecordIntentAsync(h, "po-killed-1");

        var resolution = await Recovery(h).ResolveAsync(intent, default);

        Assert.Equal(IntentResolution.NotAccepted, resolution);
        Assert.Empty(await h.Store.Batches.OutstandingBatchesAsync(default));
    }

    [Fact]
    public async Task ResolveAsync_IntentTheProviderListsByLabel_RecordsItsId()
    {
        await using var h = await BatchingHarness.StartAsync();
        var intent = await RecordIntentAsync(h, "po-killed-1");
        h.Api.HoldBatches = true;
        await h.Api.SubmitAsync(new BatchSubmission("openai/gpt-4o-mini", [new BatchRequestItem("c1", BatchingHarness.Request())],
            new Dictionary<string, string> { [BatchSubmitter.LabelKey] = "po-killed-1" }), default);

        var resolution = await Recovery(h).ResolveAsync(intent, default);

        Assert.Null(resolution.Stop);
        Assert.Equal("batch_1", resolution.Batch!.BatchId);
        Assert.Equal("batch_1", Assert.Single(await h.Store.Batches.OutstandingBatchesAsync(default)).BatchId);
    }

    [Fact]
    public async Task ChatAsync_RecoveryCannotList_FailsTheCallWithTheStopAndSubmitsNothing()
    {
        await using var h = await BatchingHarness.StartAsync();
        await RecordIntentAsync(h, "po-killed-1");
        h.Api.ListError = Unauthorized;
        var observer = new ScopedObserver("t1");

        var answer = await h.Backend().ChatAsync(BatchingHarness.Request(), observer, default).WaitAsync(BatchingHarness.Deadline);

        Assert.True(answer.Error!.StopsRun);
        Assert.Equal(ErrorKind.Authentication, answer.Error.Kind);
        Assert.Empty(observer.Attempts);
        Assert.Equal(0, h.Api.Submissions);
    }

    private static BatchRecovery Recovery(BatchingHarness h)
    {
        var options = new BatchingOptions();
        var watcher = new BatchWatcher(h.Api, h.Store.Batches, options, new BatchStats(), h.Time, CancellationToken.None);
        return new BatchRecovery(h.Api, h.Store.Batches, watcher, options, h.Time);
    }

    private static async Task<RecordedBatch> RecordIntentAsync(BatchingHarness h, string label)
    {
        await h.Store.Batches.RecordIntentAsync(new BatchIntent(label, "openai/gpt-4o-mini", ["c1"], 0.001m, h.Time.GetUtcNow()), default);
        return (await h.Store.Batches.FindBatchesAsync(["c1"], default))["c1"];
    }
}
