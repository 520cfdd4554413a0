namespace PromptOptimizer.Cli;

/// <summary>
/// How a command ends: an exit code, or usage errors as values. <see cref="CliApp"/> alone prints them, each as
/// <c>Error: ...</c>, and exits with <see cref="ExitCodes.Usage"/>.
/// </summary>
/// <param name="Errors">Usage errors; none for an ordinary exit.</param>
/// <param name="ShowHelp">Follow the errors with a pointer to <c>--help</c> (for errors of the command line's syntax).</param>
internal readonly record struct CommandExit(int Code, IReadOnlyList<string>? Errors = null, bool ShowHelp = false)
{
    public static implicit operator CommandExit(int code) => new(code);

    /// <summary>A usage error: nothing was done.</summary>
    public static CommandExit Usage(string error) => new(ExitCodes.Usage, [error]);
}
