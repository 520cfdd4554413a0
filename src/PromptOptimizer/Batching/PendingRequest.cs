using PromptOptimizer.Providers;

namespace PromptOptimizer.Batching;

/// <summary>A chat request waiting for a batch, and the answer its caller awaits (or the error that stops the run instead).</summary>
internal sealed class PendingRequest(string customId, ChatRequest request, int bytes, DateTimeOffset enqueuedAt)
{
    public string CustomId { get; } = customId;

    public ChatRequest Request { get; } = request;

    /// <summary>The request body's size, counted against <see cref="BatchingOptions.MaxBytes"/>.</summary>
    public int Bytes { get; } = bytes;

    public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

    public TaskCompletionSource<ProviderAnswer<BatchResultItem>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
