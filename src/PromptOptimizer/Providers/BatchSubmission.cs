namespace PromptOptimizer.Providers;

/// <summary>One batch to submit: a single model, its requests, and labels the provider echoes back.</summary>
/// <param name="Metadata">Echoed by the provider on every read of the batch; a run labels its batches here so that a
/// batch accepted just before a crash can be found again with <see cref="IBatchApi.ListAsync"/>.</param>
internal sealed record BatchSubmission(string Model, IReadOnlyList<BatchRequestItem> Requests, IReadOnlyDictionary<string, string> Metadata);
