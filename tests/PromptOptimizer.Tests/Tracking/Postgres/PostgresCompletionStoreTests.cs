using PromptOptimizer.Output;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Postgres;

namespace PromptOptimizer.Tests.Tracking.Postgres;

/// <summary>The contract on PostgreSQL (each test on its own fresh database), plus schema and holder checks.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresCompletionStoreTests : CompletionStoreContractTests, IAsyncLifetime
{
    private readonly List<PostgresTestDatabase> _databases = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }

    internal override async Task<ICompletionStore> CreateStoreAsync() => await OpenAsync(await NewDatabaseAsync());

    protected override bool KeepsResults => true;

    [SkippableFact]
    public async Task InitializeAsync_ManyStoresAtOnce_MigrateOnceToCurrentVersion()
    {
        var database = await NewDatabaseAsync();
        var stores = Enumerable.Range(0, 6).Select(_ => new PostgresCompletionStore(database.ConnectionString, Time)).ToArray();

        await Task.WhenAll(stores.Select(s => s.InitializeAsync(default)));

        Assert.Equal(PostgresSchema.CurrentVersion, await database.ScalarAsync("SELECT version FROM schema_version;"));
        Assert.Equal(1L, await database.ScalarAsync("SELECT count(*) FROM schema_version;"));
        Assert.True(await stores[0].ClaimAsync(Claim("cat/a.json"), default));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task InitializeAsync_NewerSchemaVersion_ThrowsWithoutMigrating()
    {
        var database = await NewDatabaseAsync();
        await (await OpenAsync(database)).DisposeAsync();
        await database.ScalarAsync("UPDATE schema_version SET version = 99;");
        await using var store = new PostgresCompletionStore(database.ConnectionString, Time);

        var error = await Assert.ThrowsAsync<CompletionStoreException>(() => store.InitializeAsync(default));

        Assert.Contains("99", error.Message, StringComparison.Ordinal);
        Assert.Equal(99, await database.ScalarAsync("SELECT version FROM schema_version;"));
    }

    [SkippableFact]
    public async Task InitializeAsync_OtherToolsTopicsTable_ThrowsAndKeepsIt()
    {
        var database = await NewDatabaseAsync();
        await database.ScalarAsync("CREATE TABLE topics (path text); INSERT INTO topics VALUES ('x');");
        await using var store = new PostgresCompletionStore(database.ConnectionString, Time);

        var error = await Assert.ThrowsAsync<CompletionStoreException>(() => store.InitializeAsync(default));

        Assert.Contains("not a valid completion database", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, await database.ScalarAsync("SELECT count(*) FROM topics;"));
    }

    [SkippableFact]
    public async Task InitializeAsync_UnreachableServer_ThrowsWithoutPassword()
    {
        await using var store = new PostgresCompletionStore("Host=127.0.0.1;Port=1;Username=u;Password=s3cr3t-value;Database=d;Timeout=2", Time);

        var error = await Assert.ThrowsAsync<CompletionStoreException>(() => store.InitializeAsync(default));

        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", error.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Writes_BeforeInitializeOrAfterDispose_Throw()
    {
        var database = await NewDatabaseAsync();
        var store = new PostgresCompletionStore(database.ConnectionString, Time);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.ClaimAsync(Claim("cat/a.json"), default));
        await store.InitializeAsync(default);
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ClaimAsync(Claim("cat/a.json"), default));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.QueryAsync(new TopicQuery(), default));
    }

    [SkippableFact]
    public async Task ClaimAsync_SameRunAlreadyHolds_ConfirmsWithoutNewAttemptAndKeepsLease()
    {
        await using var store = await CreateStoreAsync();
        var lease = Start.AddMinutes(5);
        await store.ClaimAsync(Claim("cat/a.json", lease: lease), default);

        Assert.True(await store.ClaimAsync(Claim("cat/a.json"), default));

        var row = await SingleAsync(store, "cat/a.json");
        Assert.Equal(1, row.Attempts);
        Assert.Equal(lease, row.LeaseUntil);
        Assert.Equal(TopicStatus.Started, row.Status);
    }

    [SkippableFact]
    public async Task CompleteAsync_ResultJsonAndMoney_StoredAsJsonbAndNanoDollars()
    {
        var database = await NewDatabaseAsync();
        await using var store = await OpenAsync(database);
        await store.AdoptAsync(Completion("cat/a.json", cost: 0.123456789m) with { ResultJson = "{\"cards\": [1, 2]}" }, default);

        Assert.Equal(123456789L, await database.ScalarAsync("SELECT cost_nano_usd FROM topics;"));
        Assert.Equal(2, await database.ScalarAsync("SELECT jsonb_array_length(result_json->'cards') FROM topics;"));
        Assert.Equal("flashcards", await database.ScalarAsync("SELECT mode FROM topics;"));
    }

    private async Task<PostgresTestDatabase> NewDatabaseAsync()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        _databases.Add(database);
        return database;
    }

    private async Task<ICompletionStore> OpenAsync(PostgresTestDatabase database)
    {
        var store = new PostgresCompletionStore(database.ConnectionString, Time);
        await store.InitializeAsync(default);
        return store;
    }
}
