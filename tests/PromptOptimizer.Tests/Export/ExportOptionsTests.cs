using PromptOptimizer.Export;
using PromptOptimizer.Output;

namespace PromptOptimizer.Tests.Export;

public sealed class ExportOptionsTests
{
    [Theory]
    [InlineData("apkg", "apkg")]
    [InlineData("ANKI-TSV", "anki-tsv")]
    [InlineData("tsv", "anki-tsv")]
    [InlineData(" csv ", "csv")]
    [InlineData("jsonl", "jsonl")]
    public void TryParse_KnownName_ReturnsFormat(string text, string expected)
    {
        Assert.True(ExportFormats.TryParse(text, out var format));
        Assert.Equal(expected, ExportFormats.NameOf(format));
    }

    [Fact]
    public void Parse_UnknownName_ThrowsListingValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => ExportFormats.Parse("xlsx"));
        Assert.Contains("apkg, anki-tsv, csv, jsonl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NameOf_EveryFormat_RoundTripsThroughParse()
    {
        foreach (var format in Enum.GetValues<ExportFormat>())
        {
            Assert.Equal(format, ExportFormats.Parse(ExportFormats.NameOf(format)));
        }
    }

    [Fact]
    public void Constructor_ValidValues_NormalisesPathAndCategories()
    {
        var options = new ExportOptions(ExportFormat.Csv, "out/cards.csv", OutputKind.Unified, ["b", "a", "b"], minQuality: true);

        Assert.True(Path.IsPathRooted(options.OutPath));
        Assert.Equal(["b", "a"], options.Categories);
        Assert.True(options.MinQuality);
    }

    [Theory]
    [InlineData("apkg", "x.apkg", "prompts", null, "mode")]
    [InlineData("csv", " ", "flashcards", null, "outPath")]
    [InlineData("csv", "dir/", "flashcards", null, "outPath")]
    [InlineData("csv", "x.csv", "flashcards", "../up", "categories")]
    [InlineData("42", "x.csv", "flashcards", null, "format")]
    [InlineData("csv", "x.csv", "42", null, "mode")]
    public void Constructor_InvalidValue_ThrowsNamingTheParameter(string format, string outPath, string mode, string? category, string parameter)
    {
        var parsedFormat = ExportFormats.TryParse(format, out var known) ? known : (ExportFormat)int.Parse(format, System.Globalization.CultureInfo.InvariantCulture);
        var parsedMode = Enum.Parse<OutputKind>(mode, ignoreCase: true);
        var error = Assert.Throws<ArgumentException>(() => new ExportOptions(parsedFormat, outPath, parsedMode, category is null ? null : [category]));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Constructor_PromptsWithJsonl_IsAllowed() =>
        Assert.Equal(OutputKind.Prompts, new ExportOptions(ExportFormat.Jsonl, "p.jsonl", OutputKind.Prompts).Mode);
}
