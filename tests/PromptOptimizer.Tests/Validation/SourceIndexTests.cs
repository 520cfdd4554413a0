using PromptOptimizer.Output;
using PromptOptimizer.Validation;

namespace PromptOptimizer.Tests.Validation;

public sealed class SourceIndexTests
{
    private readonly SourceIndex _index = new(FlashcardAnswers.Sources);

    [Theory]
    [InlineData("S1", "S1")]
    [InlineData("s3", "S3")]
    [InlineData(" [S2] ", "S2")]
    [InlineData("https://example.org/one", "S1")]
    [InlineData("https://example.org/one/", "S1")]
    [InlineData("https://example.org/two", "S2")]
    [InlineData("https://example.org/two/", "S2")]
    public void Resolve_KnownIdOrUrl_ReturnsSourceId(string citation, string expected)
    {
        Assert.Equal(expected, _index.Resolve(citation));
    }

    [Theory]
    [InlineData("S4")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("https://EXAMPLE.org/one")]
    [InlineData("https://example.org/one#part")]
    public void Resolve_Unknown_ReturnsNull(string citation)
    {
        Assert.Null(_index.Resolve(citation));
    }

    [Fact]
    public void Described_NoSources_SaysNoneWereRetrieved()
    {
        Assert.Equal("no sources were retrieved", new SourceIndex([]).Described);
    }

    [Fact]
    public void Described_ManySources_GivesRange()
    {
        var sources = Enumerable.Range(1, 12).Select(i => new SourceDocument($"S{i}", $"https://x.test/{i}", null, null)).ToList();

        Assert.Equal("use S1 to S12 or their URLs", new SourceIndex(sources).Described);
    }
}
