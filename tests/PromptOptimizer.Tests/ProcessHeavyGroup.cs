namespace PromptOptimizer.Tests;

/// <summary>
/// Tests that run several CLI processes and measure what a provider sees per second. They run alone, after the
/// parallel tests: on a 2-core machine a starved process sends its granted requests late and in a bunch, which says
/// nothing about the limiter and everything about the neighbours.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessHeavyGroup
{
    public const string Name = "Process-heavy";
}
