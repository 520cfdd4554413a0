using PromptOptimizer.Providers;
using ProviderSimulator = PromptOptimizer.Simulator.ProviderSimulator;
using SimulatorOptions = PromptOptimizer.Simulator.SimulatorOptions;

namespace PromptOptimizer.Tests.Providers;

/// <summary>An in-process simulator on loopback and the real Batch API client wired to it, as the CLI wires the chat client.</summary>
internal sealed class BatchSim : IAsyncDisposable
{
    public const string Key = "sk-or-v1-FTESTS-distinctive-batch-key-8675309";
    public const string Model = "deepseek/deepseek-chat";

    private BatchSim(ProviderSimulator simulator, HttpClient http, OpenRouterBatchClient client)
    {
        Simulator = simulator;
        Http = http;
        Client = client;
    }

    public ProviderSimulator Simulator { get; }

    public HttpClient Http { get; }

    public OpenRouterBatchClient Client { get; }

    public static async Task<BatchSim> StartAsync(SimulatorOptions? options = null, string? key = Key, string basePath = "api/v1")
    {
        var simulator = await ProviderSimulator.StartAsync(options ?? new SimulatorOptions { BatchLatency = TimeSpan.Zero }, CancellationToken.None);
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var endpoint = new ProviderEndpoint(new Uri(simulator.BaseUri, basePath), key);
        return new(simulator, http, new OpenRouterBatchClient(http, endpoint, new SecretRedactor([Key]), TimeProvider.System));
    }

    /// <summary>A flashcards request for <paramref name="title"/> in the pipeline's conventions.</summary>
    public static ChatRequest Flashcards(string title, int cards = 4) => new(
        Model,
        [
            new ChatMessage("system", "You write study material. Data comes in <topic> and <sources> blocks."),
            new ChatMessage("user", global::PromptOptimizer.Tests.Simulator.SimHttp.TopicBlock(title) + "\n" + global::PromptOptimizer.Tests.Simulator.SimHttp.SourcesBlock() + $"\nWrite exactly {cards} flashcards about the topic."),
        ],
        "flashcards",
        System.Text.Json.JsonDocument.Parse("{\"type\":\"object\"}").RootElement.Clone(),
        4000,
        "generate");

    public static BatchSubmission Submission(IReadOnlyDictionary<string, string>? metadata = null, params string[] titles) => new(
        Model,
        titles.Select((t, i) => new BatchRequestItem($"t{i}-generate-a1", Flashcards(t))).ToList(),
        metadata ?? new Dictionary<string, string>());

    /// <summary>Polls the batch until the provider will not change it any more; fails past the deadline.</summary>
    public async Task<BatchStatus> UntilTerminalAsync(string batchId)
    {
        BatchStatus? last = null;
        await Poll.UntilAsync(async () =>
        {
            var answer = await Client.GetAsync(batchId, CancellationToken.None);
            Assert.Null(answer.Error);
            last = answer.Value!;
            return last.IsTerminal;
        }, TimeSpan.FromSeconds(20), $"batch {batchId} finished");
        return last!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
    }
}
