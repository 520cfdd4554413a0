using PromptOptimizer.Output;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tests.Cli;
using PromptOptimizer.Tests.Tracking;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Scheduling;

public sealed class TopicEnqueuerTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task EnqueueAsync_ValidAndBrokenFiles_QueuesTheValidOnesWithTheRunnersHash()
    {
        var topics = TopicFiles.Create(_directory.Path, 3, categories: 1);
        await File.WriteAllTextAsync(Path.Combine(topics, "c0", "broken.json"), "{ not json");
        var loader = new TopicLoader(topics);
        var queue = new FakeWorkQueue(TimeProvider.System);

        var (totals, invalid) = await TopicEnqueuer.EnqueueAsync(queue, loader, RunVariant.Prompts, null, null, default);

        Assert.Equal(3, totals.Added);
        Assert.Equal("c0/broken.json", Assert.Single(invalid).Path);
        var queued = Assert.Single(queue.Enqueued);
        Assert.All(queued, t => Assert.Equal(loader.Load(t.Path).Topic!.ContentHash, t.ContentHash));
        Assert.All(queued, t => Assert.Equal(File.ReadAllBytes(Path.Combine(topics, t.Path)), t.Content));
    }

    [Fact]
    public async Task EnqueueAsync_Limit_CountsOnlyValidTopics()
    {
        var topics = TopicFiles.Create(_directory.Path, 4, categories: 1);
        await File.WriteAllTextAsync(Path.Combine(topics, "c0", "a-broken.json"), "[]");
        var queue = new FakeWorkQueue(TimeProvider.System);

        var (totals, invalid) = await TopicEnqueuer.EnqueueAsync(queue, new TopicLoader(topics), RunVariant.Prompts, null, limit: 2, default);

        Assert.Equal(2, totals.Total);
        Assert.Single(invalid);
    }

    [Fact]
    public async Task EnqueueAsync_MoreThanAChunk_SendsBoundedChunks()
    {
        var topics = TopicFiles.Create(_directory.Path, TopicEnqueuer.ChunkSize + 5, categories: 3);
        var queue = new FakeWorkQueue(TimeProvider.System);

        var (totals, _) = await TopicEnqueuer.EnqueueAsync(queue, new TopicLoader(topics), RunVariant.FlashcardsExa, null, null, default);

        Assert.Equal(TopicEnqueuer.ChunkSize + 5, totals.Added);
        Assert.Equal([TopicEnqueuer.ChunkSize, 5], queue.Enqueued.Select(c => c.Count));
    }
}
