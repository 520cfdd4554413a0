namespace PromptOptimizer.Scheduling;

/// <summary>What the planner decided for one topic.</summary>
internal enum TopicVerdictKind
{
    /// <summary>Needs work; the file was not read (the runner reads it, and fails it by name when it is broken).</summary>
    Process,

    /// <summary>Completed, unchanged, and its output is there.</summary>
    Skip,

    /// <summary>An untracked valid output for this version was found: completed without a call.</summary>
    Adopt,

    /// <summary>Completed from another version of the file: redone.</summary>
    Stale,

    /// <summary>Completed but its output is gone: the row is reset and the topic redone.</summary>
    Redo,

    /// <summary>The file was read and is broken: it fails without a call.</summary>
    Invalid,
}
