using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Tests.Tracking;

/// <summary>Builders for the records the contract tests write, all anchored at <see cref="Start"/>.</summary>
public abstract partial class CompletionStoreContractTests
{
    private protected static TopicClaim Claim(
        string path, string run = "run-1", string worker = "w1", string hash = "h1", OutputKind mode = OutputKind.Flashcards, DateTimeOffset? lease = null) =>
        new(path, mode, hash, run, worker, Start, lease);

    private protected static TopicCompletion Completion(
        string path, string run = "run-1", string worker = "w1", string hash = "h1", OutputKind mode = OutputKind.Flashcards,
        long prompt = 0, long completion = 0, decimal cost = 0m) =>
        new(path, mode, hash, run, worker, "out/" + path, Start.AddSeconds(30), 1234, prompt, completion, cost);

    private protected static TopicFailure Failure(
        string path, string run = "run-1", string worker = "w1", long prompt = 0, long completion = 0, decimal cost = 0m) =>
        new(path, OutputKind.Flashcards, "h1", run, worker, "Validation", "card 3 has no source", Start.AddSeconds(20), 900, prompt, completion, cost);

    private protected static AttemptRecord Attempt(string path, string stage, OutputKind mode = OutputKind.Flashcards, decimal cost = 0m) =>
        new(path, mode, "run-1", stage, 200, null, 11, 22, cost, 345, Start.AddSeconds(5));

    private protected static async Task<TopicRecord> SingleAsync(ICompletionStore store, string path, OutputKind mode = OutputKind.Flashcards)
    {
        var rows = await store.GetAsync(mode, [path], default);
        Assert.True(rows.TryGetValue(path, out var row), $"No row for {path} ({mode}).");
        return row!;
    }
}
