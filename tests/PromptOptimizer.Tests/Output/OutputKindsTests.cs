using PromptOptimizer.Output;

namespace PromptOptimizer.Tests.Output;

public sealed class OutputKindsTests
{
    [Theory]
    [InlineData(OutputKind.Flashcards, "flashcards")]
    [InlineData(OutputKind.Prompts, "prompts")]
    [InlineData(OutputKind.Unified, "unified")]
    internal void NameOf_EachKind_RoundTripsThroughTryParse(OutputKind kind, string name)
    {
        Assert.Equal(name, OutputKinds.NameOf(kind));
        Assert.True(OutputKinds.TryParse(name, out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Flashcards")]
    [InlineData(" prompts")]
    [InlineData("1")]
    public void TryParse_AnythingButTheExactName_ReturnsFalse(string? text) => Assert.False(OutputKinds.TryParse(text, out _));
}
