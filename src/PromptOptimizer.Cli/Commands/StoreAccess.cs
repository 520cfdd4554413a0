using System.CommandLine;
using PromptOptimizer.Cli.Hosting;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;
using PromptOptimizer.Tracking.Postgres;
using PromptOptimizer.Tracking.Sqlite;

namespace PromptOptimizer.Cli.Commands;

/// <summary>
/// Opens the completion store that <c>--store</c> (else <c>PROMPT_OPTIMIZER_STORE</c>, else the state directory's
/// SQLite file) names, runs a command on it and closes it. A store that cannot be opened is a usage error whose
/// message never holds a password, and a damaged SQLite file is only reported, never replaced.
/// </summary>
internal static class StoreAccess
{
    /// <summary>Runs <paramref name="action"/> on the store of a run, creating a SQLite file when there is none yet.</summary>
    public static Task<CommandExit> WithStoreAsync(CliContext context, string? option, string stateDir, Func<ICompletionStore, Task<CommandExit>> action, CancellationToken token) =>
        WithAsync(context, option, stateDir, existingOnly: false, queueFor: null, action, token);

    /// <summary>Runs <paramref name="action"/> on the store runs recorded in; a SQLite file that does not exist yet is only a message.</summary>
    public static Task<CommandExit> WithExistingAsync(CliContext context, CliOptions o, ParseResult parse, Func<ICompletionStore, Task<CommandExit>> action, CancellationToken token) =>
        WithAsync(context, parse.GetValue(o.Store), parse.GetValue(o.StateDir)!, existingOnly: true, queueFor: null, action, token);

    /// <summary>Runs <paramref name="action"/> on the store runs recorded in, or on null when there is none yet.</summary>
    public static Task<CommandExit> WithExistingOrNoneAsync(CliContext context, CliOptions o, ParseResult parse, Func<ICompletionStore?, Task<CommandExit>> action, CancellationToken token) =>
        WithAsync(context, parse.GetValue(o.Store), parse.GetValue(o.StateDir)!, existingOnly: true, queueFor: null, action, token, () => action(null));

    /// <summary>Runs <paramref name="action"/> on the PostgreSQL queue; a SQLite or missing store is a usage error.</summary>
    public static Task<CommandExit> WithQueueAsync(CliContext context, CliOptions o, ParseResult parse, Func<IWorkQueue, Task<CommandExit>> action, CancellationToken token) =>
        WithAsync(context, parse.GetValue(o.Store), "state", existingOnly: false, queueFor: parse.CommandResult.Command.Name, store => action(store.WorkQueue!), token);

    /// <summary>
    /// Runs <paramref name="action"/> on the store runs recorded in, with <c>--topic</c> as the store keys it (relative to
    /// the topics directory, given either way); a path outside the topics directory is a usage error.
    /// </summary>
    public static Task<CommandExit> WithTopicAsync(CliContext context, CliOptions o, ParseResult parse, Func<ICompletionStore, string, Task<CommandExit>> action, CancellationToken token)
    {
        var (topicsDir, topic) = (parse.GetValue(o.TopicsDir)!, parse.GetValue(o.Topic)!);
        var path = Directory.Exists(topicsDir) ? new TopicLoader(topicsDir).ToTopicPath(topic)
            : TopicLoader.CheckRelativePath(topic.Replace('\\', '/')) is null ? topic.Replace('\\', '/') : null;
        return path is null
            ? Task.FromResult(CommandExit.Usage($"'{topic}' is not inside the topics directory."))
            : WithExistingAsync(context, o, parse, store => action(store, path), token);
    }

    private static async Task<CommandExit> WithAsync(
        CliContext context, string? option, string stateDir, bool existingOnly, string? queueFor, Func<ICompletionStore, Task<CommandExit>> action, CancellationToken token,
        Func<Task<CommandExit>>? missing = null)
    {
        var (spec, error) = StoreSpec.Resolve(option, context.Environment, stateDir);
        if (error is null && queueFor is not null && spec is { IsPostgres: false })
        {
            error = $"{queueFor} needs a PostgreSQL store: pass --store postgresql://user@host/db or set {StoreSpec.EnvironmentVariable}";
        }

        if (error is not null)
        {
            return CommandExit.Usage(error);
        }

        if (spec!.SqlitePath is { } path && existingOnly && !File.Exists(path))
        {
            if (missing is not null)
            {
                return await missing().ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync(option is null && context.Environment(StoreSpec.EnvironmentVariable) is null
                ? $"No completion database in {Path.GetFullPath(stateDir)} yet (nothing has run with this --state-dir)."
                : $"No completion database at {spec.Description} yet.").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        if (spec.SqlitePath is not null && Path.GetDirectoryName(Path.GetFullPath(spec.SqlitePath)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        ICompletionStore store = spec.PostgresConnection is { } connection ? new PostgresCompletionStore(connection, context.Time) : new SqliteCompletionStore(spec.SqlitePath!, context.Time);
        await using (store.ConfigureAwait(false))
        {
            try
            {
                await store.InitializeAsync(token).ConfigureAwait(false);
            }
            catch (CompletionStoreException ex)
            {
                return CommandExit.Usage(spec.IsPostgres
                    ? ex.Message
                    : $"{ex.Message} The file was left untouched: move it aside to start a new database (outputs on disk are adopted again without API calls).");
            }

            return await action(store).ConfigureAwait(false);
        }
    }
}
