using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Topics;

namespace PromptOptimizer.Research;

/// <summary>
/// A research source that turns a topic into its numbered sources (S1..Sn) before generation: direct Exa search or a
/// local library. Generation, validation, tracking and exports treat every such source alike.
/// </summary>
internal interface ITopicResearcher
{
    /// <summary>The research name written to output files (<c>exa</c>, <c>local</c>).</summary>
    string Name { get; }

    /// <summary>The topic's sources, or why there are none; a failure is data, never an exception.</summary>
    Task<StepResult<IReadOnlyList<SourceDocument>>> ResearchAsync(TopicDefinition topic, ICallObserver observer, CancellationToken cancellationToken);
}
