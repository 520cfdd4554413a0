using System.Diagnostics;

namespace PromptOptimizer.Tests;

/// <summary>
/// Waits for a condition that something outside the test's control reaches (another process, a server, a database):
/// polls it, and fails with <see cref="TimeoutException"/> naming what was awaited once the deadline has passed, so a
/// hang reads as a failure rather than a stuck run. Never a way to let time pass: that is what FakeTimeProvider is for.
/// </summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>Returns once <paramref name="condition"/> holds; throws when it still does not after <paramref name="deadline"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan deadline, string awaited) =>
        UntilAsync(() => Task.FromResult(condition()), deadline, awaited);

    /// <inheritdoc cref="UntilAsync(Func{bool}, TimeSpan, string)"/>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string awaited)
    {
        var start = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(start) > deadline)
            {
                throw new TimeoutException($"{awaited}: not reached within {deadline.TotalSeconds:0.#} s");
            }

            await Task.Delay(Interval);
        }
    }
}
