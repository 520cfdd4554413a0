namespace PromptOptimizer.Tests.Tracking.Postgres;

/// <summary>The PostgreSQL test classes run one after another: one small server, two cores.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTestGroup
{
    public const string Name = "PostgreSQL";
}
