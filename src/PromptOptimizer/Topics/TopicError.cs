using PromptOptimizer.Providers;

namespace PromptOptimizer.Topics;

/// <summary>Why a topic step failed, as data.</summary>
internal sealed record TopicError(ErrorKind Kind, string Message, bool IsTransient, bool StopsRun)
{
    public static TopicError From(ProviderError error, string stage) =>
        new(error.Kind, $"{stage}: {error}", error.IsTransient, error.StopsRun);
}
