namespace PromptOptimizer.Scheduling;

/// <summary>What an existing checkpoint means for a new run of its mode (see <see cref="ResumePlanner"/>).</summary>
internal enum ResumeAction
{
    /// <summary>Start with the settings as given: no earlier run is in the way (or --force / --dry-run ignore it).</summary>
    Start,

    /// <summary>Continue the checkpoint's run with its saved arguments, merged with the flags typed now.</summary>
    Resume,

    /// <summary>--resume over a damaged checkpoint: continue from the completion store with the settings as given.</summary>
    ContinueFromStore,

    /// <summary>--resume without a checkpoint: there is nothing to continue.</summary>
    NothingToResume,

    /// <summary>A damaged checkpoint without --resume: the user must choose --resume or --force.</summary>
    Damaged,

    /// <summary>An unfinished run without --resume: never restarted silently; the user must choose.</summary>
    Unfinished,
}
