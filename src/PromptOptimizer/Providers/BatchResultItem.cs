namespace PromptOptimizer.Providers;

/// <summary>One request's answer inside a batch: the completion (its <c>Cost</c> is the provider's, at the batch price,
/// when reported), or the error the provider gave for that request.</summary>
internal sealed record BatchResultItem(string CustomId, ChatCompletion? Completion, ProviderError? Error);
