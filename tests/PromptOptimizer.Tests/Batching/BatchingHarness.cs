using Microsoft.Extensions.Time.Testing;
using PromptOptimizer.Batching;
using PromptOptimizer.Providers;
using PromptOptimizer.Tests.Tracking;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Tests.Batching;

/// <summary>A batching backend on a fake clock and a fake Batch API, recording into a real SQLite store.</summary>
internal sealed class BatchingHarness : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<BatchingChatBackend> _backends = [];

    private BatchingHarness(FakeTimeProvider? time)
    {
        Time = time ?? new FakeTimeProvider(Start);
        Api = new FakeBatchApi(Time);
        Store = new SqliteCompletionStore(_directory.File("state.db"), Time);
    }

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; }

    public FakeBatchApi Api { get; }

    public SqliteCompletionStore Store { get; }

    /// <param name="time">The clock (a fake one starting at <see cref="Start"/> unless given).</param>
    public static async Task<BatchingHarness> StartAsync(FakeTimeProvider? time = null)
    {
        var harness = new BatchingHarness(time);
        await harness.Store.InitializeAsync(default);
        return harness;
    }

    /// <summary>A backend (a run); a second one on the same store stands for the next run.</summary>
    public BatchingChatBackend Backend(BatchingOptions? options = null, IBatchApi? api = null)
    {
        var backend = new BatchingChatBackend(api ?? Api, Store.Batches, options ?? new BatchingOptions(), PriceTable.Default, Time);
        _backends.Add(backend);
        return backend;
    }

    public static ChatRequest Request(string model = "openai/gpt-4o-mini", string stage = "generate", string text = "hello") =>
        new(model, [ChatMessage.User(text)], null, null, 1000, stage);

    /// <summary>Waits until <paramref name="count"/> requests wait for a batch (the calls have reached the coalescer).</summary>
    public static Task WaitingAsync(BatchingChatBackend backend, int count) =>
        Poll.UntilAsync(() => backend.Progress.RequestsWaiting == count, Deadline, $"{count} requests waiting for a batch");

    /// <summary>One call for the topic <paramref name="scope"/>, sent with the next batch once the linger has passed; its answer.</summary>
    public async Task<ProviderAnswer<ChatCompletion>> AskAsync(BatchingChatBackend backend, string scope)
    {
        var call = backend.ChatAsync(Request(), new ScopedObserver(scope), default);
        await WaitingAsync(backend, 1);
        Time.Advance(new BatchingOptions().Linger);
        return await call.WaitAsync(Deadline);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }

        await Store.DisposeAsync();
        _directory.Dispose();
    }
}
