using System.Globalization;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Tracking;

/// <summary>Reads, money and time fidelity, flushing and heavy concurrency.</summary>
public abstract partial class CompletionStoreContractTests
{
    [SkippableFact]
    public async Task GetAsync_ThousandPaths_ReturnsOnlyExistingRowsOfThatMode()
    {
        await using var store = await CreateStoreAsync();
        var written = Enumerable.Range(0, 1200).Select(i => $"cat/t{i:D4}.json").ToArray();
        await Task.WhenAll(written.Select(p => store.AdoptAsync(Completion(p), default)));
        await store.AdoptAsync(Completion("cat/t0001.json", mode: OutputKind.Prompts, cost: 9m), default);
        var asked = written.Take(999).Append("cat/never.json").ToArray();

        var rows = await store.GetAsync(OutputKind.Flashcards, asked, default);

        Assert.Equal(999, rows.Count);
        Assert.DoesNotContain("cat/never.json", rows.Keys);
        Assert.DoesNotContain("cat/t1100.json", rows.Keys);
        Assert.Equal(0m, rows["cat/t0001.json"].CostUsd);
        Assert.All(rows, kv => Assert.Equal(kv.Key, kv.Value.TopicPath));
    }

    [SkippableFact]
    public async Task QueryAsync_Filters_MatchModeStatusCategoryPathAndLimitInPathOrder()
    {
        await using var store = await CreateStoreAsync();
        await store.AdoptAsync(Completion("001_sec/b.json"), default);
        await store.AdoptAsync(Completion("001_sec/a.json"), default);
        await store.ClaimAsync(Claim("001_sec/c.json"), default);
        await store.AdoptAsync(Completion("001xsec/z.json"), default);
        await store.AdoptAsync(Completion("001_sec/a.json", mode: OutputKind.Prompts), default);

        var category = await store.QueryAsync(new TopicQuery(Category: "001_sec"), default);
        var completedFlashcards = await store.QueryAsync(new TopicQuery(OutputKind.Flashcards, TopicStatus.Completed, "001_sec"), default);
        var limited = await store.QueryAsync(new TopicQuery(Mode: OutputKind.Flashcards, Limit: 2), default);
        var byPath = await store.QueryAsync(new TopicQuery(TopicPath: "001_sec/a.json"), default);

        Assert.Equal(["001_sec/a.json", "001_sec/a.json", "001_sec/b.json", "001_sec/c.json"], category.Select(r => r.TopicPath));
        Assert.Equal(["001_sec/a.json", "001_sec/b.json"], completedFlashcards.Select(r => r.TopicPath));
        Assert.Equal(["001_sec/a.json", "001_sec/b.json"], limited.Select(r => r.TopicPath));
        Assert.Equal([OutputKind.Flashcards, OutputKind.Prompts], byPath.Select(r => r.Mode).Order());
    }

    [SkippableFact]
    public async Task GetAttemptsAsync_RecordedCalls_ReturnOldestFirstFilteredByMode()
    {
        await using var store = await CreateStoreAsync();
        var first = Attempt("cat/a.json", "research", cost: 0.001234567m) with { Request = "{\"q\":1}" };
        var second = Attempt("cat/a.json", "generate") with { StatusCode = null, Error = "timeout", RawAnswer = "partial" };
        await store.RecordAttemptAsync(first, default);
        await store.RecordAttemptAsync(second, default);
        await store.RecordAttemptAsync(Attempt("cat/a.json", "draft", OutputKind.Prompts), default);
        await store.RecordAttemptAsync(Attempt("cat/b.json", "research"), default);

        var flashcards = await store.GetAttemptsAsync(OutputKind.Flashcards, "cat/a.json", default);
        var all = await store.GetAttemptsAsync(null, "cat/a.json", default);

        Assert.Equal([first, second], flashcards);
        Assert.Equal(["research", "generate", "draft"], all.Select(a => a.Stage));
    }

    [SkippableFact]
    public async Task SummarizeAsync_Rows_GroupedByModeCategoryAndStatusWithTotals()
    {
        await using var store = await CreateStoreAsync();
        await store.AdoptAsync(Completion("001_sec/a.json", prompt: 10, completion: 1, cost: 0.1m), default);
        await store.AdoptAsync(Completion("001_sec/b.json", prompt: 20, completion: 2, cost: 0.2m), default);
        await store.ClaimAsync(Claim("001_sec/c.json"), default);
        await store.FailAsync(Failure("001_sec/c.json", prompt: 5, cost: 0.000000005m), default);
        await store.AdoptAsync(Completion("002_net/a.json", mode: OutputKind.Prompts, prompt: 1, cost: 1m), default);

        var rows = await store.SummarizeAsync(default);

        Assert.Equal(3, rows.Count);
        Assert.Contains(new StatusSummaryRow(OutputKind.Flashcards, "001_sec", TopicStatus.Completed, 2, 30, 3, 0.3m), rows);
        Assert.Contains(new StatusSummaryRow(OutputKind.Flashcards, "001_sec", TopicStatus.Failed, 1, 5, 0, 0.000000005m), rows);
        Assert.Contains(new StatusSummaryRow(OutputKind.Prompts, "002_net", TopicStatus.Completed, 1, 1, 0, 1m), rows);
    }

    [SkippableFact]
    public async Task CostAndTimes_RoundTrip_ExactToNanoDollarAndInstant()
    {
        await using var store = await CreateStoreAsync();
        var local = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567);
        var done = Completion("cat/a.json", cost: 12345.678901234m) with { CompletedAt = local };

        await store.AdoptAsync(done, default);

        var row = await SingleAsync(store, "cat/a.json");
        Assert.Equal(12345.678901234m, row.CostUsd);
        Assert.Equal(local, row.CompletedAt);
        Assert.Equal(local.UtcTicks, row.CompletedAt!.Value.UtcTicks);
    }

    [SkippableFact]
    public async Task FlushAsync_AfterUnawaitedWrites_AllAreCommittedAndVisible()
    {
        await using var store = await CreateStoreAsync();
        var writes = Enumerable.Range(0, 300).Select(i => store.AdoptAsync(Completion($"cat/{i}.json"), default)).ToArray();

        await store.FlushAsync(default);

        // Read before awaiting the writes: the flush alone must guarantee they are committed.
        Assert.Equal(300, (await store.QueryAsync(new TopicQuery(), default)).Count);
        await Task.WhenAll(writes);
    }

    [SkippableFact]
    public async Task ClaimAndCompleteAsync_TwoThousandConcurrentCallers_AllTrackedWithoutErrors()
    {
        const int topics = 2000;
        await using var store = await CreateStoreAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, topics).Select(async i =>
        {
            await gate.Task;
            var path = string.Create(CultureInfo.InvariantCulture, $"c{i % 7}/t{i}.json");
            var worker = "w" + (i % 13).ToString(CultureInfo.InvariantCulture);
            var claimed = await store.ClaimAsync(Claim(path, worker: worker), default);
            await store.RecordAttemptAsync(Attempt(path, "generate", cost: 0.000001m), default);
            var completed = await store.CompleteAsync(Completion(path, worker: worker, prompt: 100, completion: 10, cost: 0.001m), default);
            return claimed && completed;
        }).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.All(results, Assert.True);
        var summary = await store.SummarizeAsync(default);
        Assert.All(summary, r => Assert.Equal(TopicStatus.Completed, r.Status));
        Assert.Equal(topics, summary.Sum(r => r.Count));
        Assert.Equal(7, summary.Count);
        Assert.Equal(topics * 100L, summary.Sum(r => r.PromptTokens));
        Assert.Equal(topics * 0.001m, summary.Sum(r => r.CostUsd));
        Assert.Equal(topics, (await store.QueryAsync(new TopicQuery(Status: TopicStatus.Completed), default)).Count);
    }
}
