using PromptOptimizer.Cli;
using Spectre.Console.Testing;

namespace PromptOptimizer.Tests.Cli;

/// <summary>docs/cli.md is generated from the parser; this test fails when they disagree.</summary>
public sealed class CliReferenceTests
{
    [Fact]
    public void Render_MatchesDocsCliMd()
    {
        var context = new CliContext(new TestConsole(), TextWriter.Null, _ => null, false, TimeProvider.System);
        var rendered = CliReference.Render(CliApp.BuildRoot(context));
        var path = Path.Combine(Path.GetDirectoryName(CliHarness.RepositoryTopics)!, "docs", "cli.md");

        if (Environment.GetEnvironmentVariable("PO_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, rendered);
        }

        Assert.True(File.Exists(path), "docs/cli.md is missing: run PO_UPDATE_DOCS=1 dotnet test --filter CliReferenceTests");
        Assert.True(rendered == File.ReadAllText(path), "docs/cli.md is out of date with the parser: run PO_UPDATE_DOCS=1 dotnet test --filter CliReferenceTests");
    }

    [Fact]
    public void Render_EveryRunFlagAndSubcommand_IsDocumented()
    {
        var context = new CliContext(new TestConsole(), TextWriter.Null, _ => null, false, TimeProvider.System);
        var root = CliApp.BuildRoot(context);
        var rendered = CliReference.Render(root);

        Assert.All(new CliOptions().Run.Where(o => !o.Hidden), o => Assert.Contains($"`{o.Name}`", rendered, StringComparison.Ordinal));
        Assert.All(root.Subcommands, c => Assert.Contains($"`prompt-optimizer {c.Name} [options]`", rendered, StringComparison.Ordinal));
    }
}
