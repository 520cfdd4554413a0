namespace PromptOptimizer.Tracking;

/// <summary>The completion database cannot be used (not a database, corrupt, or from a newer version).</summary>
internal sealed class CompletionStoreException : Exception
{
    public CompletionStoreException()
    {
    }

    public CompletionStoreException(string message)
        : base(message)
    {
    }

    public CompletionStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CompletionStoreException(string databasePath, string message, Exception? innerException)
        : base(message, innerException)
    {
        DatabasePath = databasePath;
    }

    /// <summary>The database file concerned, when known.</summary>
    public string? DatabasePath { get; }
}
