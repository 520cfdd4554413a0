using PromptOptimizer.Output;

namespace PromptOptimizer.Tests.Output;

public sealed class RunVariantsTests
{
    [Theory]
    [InlineData(RunVariant.FlashcardsExa, OutputKind.Flashcards, "batch_checkpoint.json", "DIRECT EXA BATCH PROCESSING COMPLETE", "exa")]
    [InlineData(RunVariant.FlashcardsWeb, OutputKind.Flashcards, "batch_checkpoint_web.json", "WEB PLUGIN BATCH PROCESSING COMPLETE", "web")]
    [InlineData(RunVariant.Unified, OutputKind.Unified, "batch_checkpoint_unified.json", "UNIFIED BATCH PROCESSING COMPLETE", "unified")]
    [InlineData(RunVariant.Prompts, OutputKind.Prompts, "batch_checkpoint_prompts.json", "PROMPT BATCH PROCESSING COMPLETE", "prompts")]
    internal void Names_EachVariant_MatchTheOriginalTool(RunVariant variant, OutputKind product, string checkpoint, string title, string shortName)
    {
        Assert.Equal(product, RunVariants.ProductOf(variant));
        Assert.Equal(checkpoint, RunVariants.CheckpointFileName(variant));
        Assert.Equal(title, RunVariants.TitleOf(variant));
        Assert.Equal(shortName, RunVariants.ShortNameOf(variant));
        Assert.Equal(variant, RunVariants.Parse(shortName.ToUpperInvariant()));
    }

    [Fact]
    public void TryParse_AllShortNames_RoundTripEveryVariant()
    {
        Assert.Equal(Enum.GetValues<RunVariant>(), RunVariants.All);
        foreach (var variant in RunVariants.All)
        {
            Assert.True(RunVariants.TryParse(" " + RunVariants.ShortNameOf(variant) + " ", out var parsed));
            Assert.Equal(variant, parsed);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("flashcards")]
    [InlineData("FlashcardsExa")]
    public void TryParse_UnknownText_ReturnsFalse(string? text)
    {
        Assert.False(RunVariants.TryParse(text, out _));
        if (text is not null)
        {
            var error = Assert.Throws<FormatException>(() => RunVariants.Parse(text));
            Assert.Contains("exa, web, unified, prompts", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(RunVariant.FlashcardsExa, false, false)]
    [InlineData(RunVariant.FlashcardsExa, true, false)]
    [InlineData(RunVariant.FlashcardsWeb, false, true)]
    [InlineData(RunVariant.FlashcardsWeb, true, true)]
    [InlineData(RunVariant.Unified, false, false)]
    [InlineData(RunVariant.Unified, true, true)]
    [InlineData(RunVariant.Prompts, false, false)]
    [InlineData(RunVariant.Prompts, true, true)]
    internal void UsesWebResearch_VariantAndFlag_WebOnlyWhereTheVariantAllowsIt(RunVariant variant, bool useWebPlugin, bool expected) =>
        Assert.Equal(expected, RunVariants.UsesWebResearch(variant, useWebPlugin));
}
