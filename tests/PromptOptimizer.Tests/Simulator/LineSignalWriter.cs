using System.Text;

namespace PromptOptimizer.Tests.Simulator;

/// <summary>A text writer that completes a task when the first line is written.</summary>
internal sealed class LineSignalWriter : StringWriter
{
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LineSignalWriter()
        : base(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture)
    {
    }

    public Task<string> FirstLine => _firstLine.Task;

    public override Task WriteLineAsync(string? value)
    {
        var done = base.WriteLineAsync(value);
        _firstLine.TrySetResult(value ?? string.Empty);
        return done;
    }
}
