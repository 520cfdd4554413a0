namespace PromptOptimizer.Cli;

/// <summary>The process exit codes, as documented in docs/cli.md.</summary>
internal static class ExitCodes
{
    /// <summary>Every selected topic completed or was skipped.</summary>
    public const int Success = 0;

    /// <summary>The run finished, but some topics failed.</summary>
    public const int TopicsFailed = 1;

    /// <summary>Bad command line or configuration; nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>Stopped early: budget reached, an account-level provider error, the disk failing or a provider down past --provider-outage.</summary>
    public const int Stopped = 3;

    /// <summary>
    /// A bug or an unexpected failure reached the top of the program: one line on stderr, the details in
    /// <c>state/crash-&lt;time&gt;.log</c> (sysexits' EX_SOFTWARE).
    /// </summary>
    public const int Crashed = 70;

    /// <summary>Interrupted by Ctrl+C or SIGTERM.</summary>
    public const int Interrupted = 130;
}
