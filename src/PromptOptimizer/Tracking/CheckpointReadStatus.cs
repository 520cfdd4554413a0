namespace PromptOptimizer.Tracking;

/// <summary>What reading a checkpoint file found.</summary>
internal enum CheckpointReadStatus
{
    Missing,
    Ok,
    Corrupt,
}
