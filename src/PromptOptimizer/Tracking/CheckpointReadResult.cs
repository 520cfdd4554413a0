namespace PromptOptimizer.Tracking;

/// <summary>The outcome of <see cref="CheckpointFile.ReadAsync"/>: missing, a checkpoint, or why the file is unusable.</summary>
internal sealed record CheckpointReadResult
{
    private CheckpointReadResult(CheckpointReadStatus status, Checkpoint? checkpoint, string? error)
    {
        Status = status;
        Checkpoint = checkpoint;
        Error = error;
    }

    public CheckpointReadStatus Status { get; }

    /// <summary>Set when <see cref="Status"/> is <see cref="CheckpointReadStatus.Ok"/>.</summary>
    public Checkpoint? Checkpoint { get; }

    /// <summary>Set when <see cref="Status"/> is <see cref="CheckpointReadStatus.Corrupt"/>: names the file and the problem.</summary>
    public string? Error { get; }

    public static CheckpointReadResult Missing { get; } = new(CheckpointReadStatus.Missing, null, null);

    public static CheckpointReadResult Ok(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new(CheckpointReadStatus.Ok, checkpoint, null);
    }

    public static CheckpointReadResult Corrupt(string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new(CheckpointReadStatus.Corrupt, null, error);
    }
}
