using PromptOptimizer.Cli.Hosting;

namespace PromptOptimizer.Tests.Distributed;

/// <summary>How <c>--store</c> / <c>PROMPT_OPTIMIZER_STORE</c> pick a store, never leaking a password.</summary>
public sealed class StoreSpecTests
{
    [Fact]
    public void Resolve_NothingGiven_StateDirSqliteFile()
    {
        var (spec, error) = StoreSpec.Resolve(null, _ => null, "st");
        Assert.Null(error);
        Assert.Equal(Path.Combine("st", "completion_tracking.db"), spec!.SqlitePath);
        Assert.False(spec.IsPostgres);
    }

    [Fact]
    public void Resolve_EnvironmentPostgresUrl_DescriptionWithoutPassword()
    {
        var (spec, error) = StoreSpec.Resolve(null, n => n == StoreSpec.EnvironmentVariable ? "postgresql://po:s3cret@db.example:5433/queue" : null, "st");
        Assert.Null(error);
        Assert.True(spec!.IsPostgres);
        Assert.Equal("postgresql://po@db.example:5433/queue", spec.Description);
        Assert.DoesNotContain("s3cret", spec.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OptionSqlitePrefix_OverridesEnvironment()
    {
        var (spec, _) = StoreSpec.Resolve("sqlite:/tmp/x.db", _ => "postgresql://po@db/queue", "st");
        Assert.Equal("/tmp/x.db", spec!.SqlitePath);
    }

    [Theory]
    [InlineData("mysql://x")]
    [InlineData("sqlite:")]
    public void Resolve_Unusable_Error(string value)
    {
        var (spec, error) = StoreSpec.Resolve(value, _ => null, "st");
        Assert.Null(spec);
        Assert.StartsWith("--store", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RedactArguments_PostgresWithPassword_SavedWithoutIt()
    {
        var saved = StoreSpec.RedactArguments(["--flashcards", "--store", "postgresql://po:s3cret@db:5432/q", "--store=Host=db;Password=s3cret;Database=q"]);
        Assert.Equal("postgresql://po@db:5432/q", saved[2]);
        Assert.DoesNotContain(saved, a => a.Contains("s3cret", StringComparison.Ordinal));
        Assert.Equal("--flashcards", saved[0]);
    }
}
