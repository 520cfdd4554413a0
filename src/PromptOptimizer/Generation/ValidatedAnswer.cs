using PromptOptimizer.Providers;

namespace PromptOptimizer.Generation;

/// <summary>An accepted answer, the completion it came from, and how many repairs it took.</summary>
internal sealed record ValidatedAnswer<T>(T Value, ChatCompletion Completion, int Repairs);
