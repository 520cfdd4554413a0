using System.Globalization;

namespace PromptOptimizer.Simulator;

/// <summary>Runs a simulator in the foreground for <c>prompt-optimizer simulate</c>.</summary>
internal static class SimulatorHost
{
    /// <summary>Starts the simulator, prints one line with its base URL, and runs until cancelled.</summary>
    public static async Task RunAsync(SimulatorOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var simulator = await ProviderSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
        await using (simulator.ConfigureAwait(false))
        {
            await log.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Simulator listening on {simulator.BaseUri} (OpenRouter {simulator.OpenRouterBaseUri}, Exa {simulator.ExaBaseUri}; seed {options.Seed}, faults {options.Faults})"))
                .ConfigureAwait(false);
            await log.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Cancellation is the normal way to stop.
            }

            var stats = simulator.GetStats();
            await log.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Simulator stopped: {stats.RequestsTo(SimEndpoints.Chat)} chat, {stats.RequestsTo(SimEndpoints.Search)} search requests, cost {stats.TotalCost:0.######}"))
                .ConfigureAwait(false);
        }
    }
}
