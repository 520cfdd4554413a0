using Microsoft.Data.Sqlite;

namespace PromptOptimizer.Tracking.Sqlite;

/// <summary>
/// One queued write. The writer applies it inside a batch transaction and completes it only after the
/// batch commits, so a caller that sees its result also sees it durable and visible to readers.
/// </summary>
internal sealed class SqliteWriteOperation
{
    private readonly Func<SqliteConnection, SqliteTransaction, int> _apply;

    // Continuations must not run on the writer's thread: that would stall every other caller's writes.
    private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SqliteWriteOperation(Func<SqliteConnection, SqliteTransaction, int> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        _apply = apply;
    }

    /// <summary>Rows changed by the operation, available once its batch has committed.</summary>
    public Task<int> Task => _completion.Task;

    /// <summary>Set by <see cref="Apply"/>; published by <see cref="Publish"/> after commit.</summary>
    public int Result { get; private set; }

    /// <summary>True once the operation has been failed (it is then skipped at publish).</summary>
    public bool IsFaulted => _completion.Task.IsFaulted;

    public void Apply(SqliteConnection connection, SqliteTransaction transaction) => Result = _apply(connection, transaction);

    public void Publish() => _completion.TrySetResult(Result);

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
