using PromptOptimizer.Scheduling;
using PromptOptimizer.Tests.Tracking;

namespace PromptOptimizer.Tests.Scheduling;

public sealed class ConfigFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Read_ValuesOfEveryKind_ReturnsThemAsTextAndKeepsPrices()
    {
        var path = Write("""{ "concurrent": 5, "model": "m/x", "force": true, "categories": ["a", "b"], "prices": { "m/x": { "input": 1 } }, }""");

        var (file, error) = ConfigFile.Read(path, "unused.json", _ => true);

        Assert.Null(error);
        Assert.Equal(["5"], file!.Values["concurrent"]);
        Assert.Equal(["m/x"], file.Values["model"]);
        Assert.Equal(["true"], file.Values["force"]);
        Assert.Equal(["a", "b"], file.Values["categories"]);
        Assert.False(file.Values.ContainsKey("prices"));
        Assert.Equal(1, file.Prices!.Value.GetProperty("m/x").GetProperty("input").GetInt32());
    }

    [Fact]
    public void Read_NoExplicitPathAndNoDefaultFile_ReturnsNothingAndNoError()
    {
        var (file, error) = ConfigFile.Read(null, _directory.File("absent.json"), _ => true);

        Assert.Null(file);
        Assert.Null(error);
    }

    [Fact]
    public void Read_ExplicitPathMissing_ErrorNamesTheFile()
    {
        var (_, error) = ConfigFile.Read(_directory.File("absent.json"), "unused.json", _ => true);

        Assert.Contains("config file not found", error, StringComparison.Ordinal);
        Assert.Contains("absent.json", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "openrouter_api_key": "sk-secret" }""", "API keys are read only from the environment")]
    [InlineData("""{ "concurent": 5 }""", "unknown key 'concurent'")]
    [InlineData("""{ "model": { "name": "x" } }""", "bad value for 'model'")]
    [InlineData("""[1, 2]""", "must be a JSON object")]
    [InlineData("""{ "model": """, "cannot read configuration")]
    public void Read_BadFile_ErrorNamesTheFileAndTheProblem(string json, string expected)
    {
        var path = Write(json);

        var (file, error) = ConfigFile.Read(path, "unused.json", key => key is "model" or "concurrent");

        Assert.Null(file);
        Assert.StartsWith(path + ": ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", error, StringComparison.Ordinal);
    }

    private string Write(string json)
    {
        var path = _directory.File("prompt-optimizer.json");
        File.WriteAllText(path, json);
        return path;
    }
}
