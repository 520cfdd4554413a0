using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Topics;

namespace PromptOptimizer.Research;

/// <summary>Direct research: one Exa search per topic, its hits becoming the topic's sources.</summary>
internal sealed class ExaResearcher(ResilientProvider provider, int numResults) : ITopicResearcher
{
    /// <inheritdoc/>
    public string Name => "exa";

    /// <inheritdoc/>
    public async Task<StepResult<IReadOnlyList<SourceDocument>>> ResearchAsync(TopicDefinition topic, ICallObserver observer, CancellationToken cancellationToken)
    {
        var answer = await provider.SearchAsync(new SearchRequest(topic.EffectiveSearchQuery, numResults), observer, cancellationToken).ConfigureAwait(false);
        if (answer.Error is { } error)
        {
            return StepResult<IReadOnlyList<SourceDocument>>.Fail(TopicError.From(error, "research"));
        }

        var sources = SourceFactory.FromSearch(answer.Value!.Results);
        return sources.Count == 0
            ? StepResult<IReadOnlyList<SourceDocument>>.Fail(new TopicError(ErrorKind.Transient, "research: the search returned no results", IsTransient: true, StopsRun: false))
            : StepResult<IReadOnlyList<SourceDocument>>.Ok(sources);
    }
}
