using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Postgres;

namespace PromptOptimizer.Tests.Tracking.Postgres;

/// <summary>The shared work queue: enqueue, concurrent claims, leases, release, workers and results.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresWorkQueueTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<PostgresCompletionStore> _stores = [];
    private PostgresTestDatabase? _database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task EnqueueAsync_Again_UnchangedStaysCompletedChangedAndFailedBecomePending()
    {
        var store = await OpenAsync();
        Assert.Equal(new EnqueueResult(3, 0, 0, 0), await store.EnqueueAsync(RunVariant.FlashcardsExa, [Topic("c/a"), Topic("c/b"), Topic("c/c")], default));
        var claimed = await store.ClaimBatchAsync(OutputKind.Flashcards, "w1", "r1", 10, Lease, default);
        Assert.Equal(3, claimed.Count);
        Assert.True(await store.CompleteAsync(Done("c/a.json", "w1", "r1"), default));
        Assert.True(await store.CompleteAsync(Done("c/b.json", "w1", "r1"), default));
        await store.FailAsync(new TopicFailure("c/c.json", OutputKind.Flashcards, "h-c/c", "r1", "w1", "Validation", "bad", Start, 1, 0, 0, 0m), default);

        var again = await store.EnqueueAsync(RunVariant.FlashcardsExa, [Topic("c/a"), Topic("c/b", "v2"), Topic("c/c"), Topic("c/d")], default);

        Assert.Equal(new EnqueueResult(Added: 1, Changed: 1, Requeued: 1, Unchanged: 1), again);
        var rows = await store.GetAsync(OutputKind.Flashcards, ["c/a.json", "c/b.json", "c/c.json", "c/d.json"], default);
        Assert.Equal(TopicStatus.Completed, rows["c/a.json"].Status);
        Assert.Equal(TopicStatus.Pending, rows["c/b.json"].Status);
        Assert.Equal("h-c/b-v2", rows["c/b.json"].ContentHash);
        Assert.Equal(TopicStatus.Pending, rows["c/c.json"].Status);
        Assert.Null(rows["c/c.json"].LastError);
        Assert.Equal(TopicStatus.Pending, rows["c/d.json"].Status);
        var next = await store.ClaimBatchAsync(null, "w1", "r2", 10, Lease, default);
        Assert.Equal(["c/b.json", "c/c.json", "c/d.json"], next.Select(t => t.Path));
        Assert.Equal("{\"v\":\"v2\"}", Encoding.UTF8.GetString(next[0].Content));
        Assert.All(next, t => Assert.Equal(RunVariant.FlashcardsExa, t.Variant));
    }

    [SkippableFact]
    public async Task ClaimBatchAsync_ThreeWorkersOnOwnConnections_NeverClaimATopicTwice()
    {
        var first = await OpenAsync();
        await first.EnqueueAsync(RunVariant.Prompts, Enumerable.Range(0, 300).Select(i => Topic($"c{i % 4}/t{i:D3}")).ToList(), default);
        var workers = new[] { first, await OpenAsync(), await OpenAsync() };
        var claims = new ConcurrentBag<(string Worker, string Path)>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var loops = workers.Select((store, n) => Task.Run(async () =>
        {
            var id = "w" + n.ToString(CultureInfo.InvariantCulture);
            await gate.Task;
            // Bounded: a queue that kept handing out topics would fail the count below instead of hanging the test.
            for (var round = 0; round <= 300; round++)
            {
                var batch = await store.ClaimBatchAsync(OutputKind.Prompts, id, "run-" + id, 7, Lease, default);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var topic in batch)
                {
                    claims.Add((id, topic.Path));
                }
            }
        })).ToArray();
        gate.SetResult();
        await Task.WhenAll(loops);

        Assert.Equal(300, claims.Count);
        Assert.Equal(300, claims.Select(c => c.Path).Distinct().Count());
        var rows = await first.QueryAsync(new TopicQuery(OutputKind.Prompts), default);
        Assert.All(rows, r => Assert.Equal(TopicStatus.Started, r.Status));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        var holder = claims.ToDictionary(c => c.Path, c => c.Worker);
        Assert.All(rows, r => Assert.Equal(holder[r.TopicPath], r.WorkerId));
    }

    [SkippableFact]
    public async Task ClaimBatchAsync_LeaseExpired_ReclaimedAndLateHolderCannotCompleteOrFail()
    {
        // Leases run on the database's clock, so this one is short and its end is awaited, not faked.
        var store = await OpenAsync();
        await store.EnqueueAsync(RunVariant.Unified, [Topic("c/a")], default);
        var first = Assert.Single(await store.ClaimBatchAsync(OutputKind.Unified, "w1", "r1", 5, TimeSpan.FromSeconds(1), default));
        Assert.Empty(await store.ClaimBatchAsync(OutputKind.Unified, "w2", "r2", 5, Lease, default));

        IReadOnlyList<ClaimedTopic> reclaimed = [];
        await Poll.UntilAsync(async () => (reclaimed = await store.ClaimBatchAsync(OutputKind.Unified, "w2", "r2", 5, Lease, default)).Count > 0,
            TimeSpan.FromSeconds(30), "the one-second lease ran out");

        Assert.True(Assert.Single(reclaimed).LeaseUntil >= first.LeaseUntil + Lease - TimeSpan.FromSeconds(1));
        await store.HeartbeatAsync("w1", ["c/a.json"], Lease, default);
        await store.FailAsync(new TopicFailure("c/a.json", OutputKind.Unified, "h-c/a", "r1", "w1", "Network", "late", Start, 1, 0, 0, 0m), default);
        Assert.False(await store.CompleteAsync(Done("c/a.json", "w1", "r1", OutputKind.Unified), default));
        var row = (await store.GetAsync(OutputKind.Unified, ["c/a.json"], default))["c/a.json"];
        Assert.Equal(("w2", TopicStatus.Started, 2), (row.WorkerId, row.Status, row.Attempts));
        Assert.True(await store.CompleteAsync(Done("c/a.json", "w2", "r2", OutputKind.Unified), default));
    }

    [SkippableFact]
    public async Task ClaimBatchAsync_WorkerClockTenMinutesAhead_TakesNoLiveLease()
    {
        var store = await OpenAsync();
        await store.EnqueueAsync(RunVariant.Unified, [Topic("c/a")], default);
        Assert.Single(await store.ClaimBatchAsync(OutputKind.Unified, "w1", "r1", 5, Lease, default));

        // This store's worker clock is ten minutes ahead of the database's, far past the two-minute lease.
        _time.SetUtcNow(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(10));

        Assert.Empty(await store.ClaimBatchAsync(OutputKind.Unified, "w2", "r2", 5, Lease, default));
        Assert.False(await store.ClaimAsync(new TopicClaim("c/a.json", OutputKind.Unified, "h-c/a", "r2", "w2", _time.GetUtcNow()), default));
        var row = (await store.GetAsync(OutputKind.Unified, ["c/a.json"], default))["c/a.json"];
        Assert.Equal(("w1", 1), (row.WorkerId, row.Attempts));
    }

    [SkippableFact]
    public async Task ClaimBatchAsync_HeartbeatKeepsLease_OtherWorkersGetNothing()
    {
        var store = await OpenAsync();
        await store.EnqueueAsync(RunVariant.FlashcardsWeb, [Topic("c/a"), Topic("c/b")], default);
        await store.ClaimBatchAsync(OutputKind.Flashcards, "w1", "r1", 5, Lease, default);

        _time.Advance(Lease - TimeSpan.FromSeconds(10));
        await store.HeartbeatAsync("w1", ["c/a.json", "c/b.json"], Lease, default);
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Empty(await store.ClaimBatchAsync(OutputKind.Flashcards, "w2", "r2", 5, Lease, default));
    }

    [SkippableFact]
    public async Task ReleaseAllAsync_Worker_ReturnsOnlyItsTopicsToPending()
    {
        var store = await OpenAsync();
        await store.EnqueueAsync(RunVariant.FlashcardsExa, [Topic("c/a"), Topic("c/b"), Topic("c/c")], default);
        await store.ClaimBatchAsync(OutputKind.Flashcards, "w1", "r1", 2, Lease, default);
        await store.ClaimBatchAsync(OutputKind.Flashcards, "w2", "r2", 2, Lease, default);

        Assert.Equal(2, await store.ReleaseAllAsync("w1", default));

        var rows = await store.QueryAsync(new TopicQuery(OutputKind.Flashcards), default);
        Assert.Equal([TopicStatus.Pending, TopicStatus.Pending, TopicStatus.Started], rows.Select(r => r.Status));
        var again = await store.ClaimBatchAsync(OutputKind.Flashcards, "w3", "r3", 5, Lease, default);
        Assert.Equal(["c/a.json", "c/b.json"], again.Select(t => t.Path));
    }

    [SkippableFact]
    public async Task ListWorkersAsync_RegisteredWorkers_ShowInFlightCompletedAndRate()
    {
        var store = await OpenAsync();
        await store.RegisterWorkerAsync("w1", "host-a", 101, default);
        await store.RegisterWorkerAsync("w2", "host-b", 202, default);
        await store.EnqueueAsync(RunVariant.Prompts, Enumerable.Range(0, 5).Select(i => Topic($"c/t{i}")).ToList(), default);
        var batch = await store.ClaimBatchAsync(OutputKind.Prompts, "w1", "r1", 5, Lease, default);
        _time.Advance(TimeSpan.FromMinutes(2));
        foreach (var topic in batch.Take(4))
        {
            Assert.True(await store.CompleteAsync(Done(topic.Path, "w1", "r1", OutputKind.Prompts, _time.GetUtcNow()), default));
        }

        await store.HeartbeatAsync("w1", batch.Select(t => t.Path).ToArray(), Lease, default);

        var workers = await store.ListWorkersAsync(default);
        Assert.Equal(["w1", "w2"], workers.Select(w => w.Id));
        var w1 = workers[0];
        Assert.Equal(("host-a", 101, 1, 4L), (w1.Host, w1.Pid, w1.InFlight, w1.Completed));
        Assert.Equal(2.0, w1.PerMinute, 3);
        Assert.Equal(_time.GetUtcNow(), w1.LastHeartbeat);
        Assert.Equal(Start, w1.StartedAt);
        Assert.Equal((0, 0L, 0.0), (workers[1].InFlight, workers[1].Completed, workers[1].PerMinute));
    }

    [SkippableFact]
    public async Task GetResultsAsync_CompletedWithResults_StreamsThemInPathOrder()
    {
        var store = await OpenAsync();
        await store.EnqueueAsync(RunVariant.Prompts, [Topic("c/b"), Topic("c/a"), Topic("c/c")], default);
        await store.ClaimBatchAsync(OutputKind.Prompts, "w1", "r1", 5, Lease, default);
        await store.CompleteAsync(Done("c/b.json", "w1", "r1", OutputKind.Prompts) with { ResultJson = "{\"topic\":\"b\",\"n\":2}" }, default);
        await store.CompleteAsync(Done("c/a.json", "w1", "r1", OutputKind.Prompts) with { ResultJson = "{\"topic\":\"a\"}" }, default);
        await store.AdoptAsync(Done("c/z.json", "w9", "r9", OutputKind.Flashcards) with { ResultJson = "{\"other\":true}" }, default);

        var results = new List<MaterializedResult>();
        await foreach (var result in store.GetResultsAsync(OutputKind.Prompts, default))
        {
            results.Add(result);
        }

        Assert.Equal(["c/a.json", "c/b.json"], results.Select(r => r.TopicPath));
        Assert.Equal("out/c/b.json", results[1].OutputPath);
        using var document = System.Text.Json.JsonDocument.Parse(results[1].ResultJson);
        Assert.Equal(2, document.RootElement.GetProperty("n").GetInt32());
        var all = new List<MaterializedResult>();
        await foreach (var result in store.GetResultsAsync(null, default))
        {
            all.Add(result);
        }

        Assert.Equal(3, all.Count);
    }

    private static QueuedTopic Topic(string name, string version = "v1") =>
        new(name + ".json", version == "v1" ? "h-" + name : $"h-{name}-{version}", Encoding.UTF8.GetBytes($"{{\"v\":\"{version}\"}}"));

    private static TopicCompletion Done(string path, string worker, string run, OutputKind mode = OutputKind.Flashcards, DateTimeOffset? at = null) =>
        new(path, mode, "h-" + path[..^5], run, worker, "out/" + path, at ?? Start.AddSeconds(30), 100, 10, 1, 0.01m);

    private async Task<PostgresCompletionStore> OpenAsync()
    {
        _database ??= await PostgresTestDatabase.CreateAsync();
        var store = new PostgresCompletionStore(_database.ConnectionString, _time);
        _stores.Add(store);
        await store.InitializeAsync(default);
        return store;
    }
}
