using System.CommandLine;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>prompt-optimizer simulate</c>: the provider simulator as a standalone server.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliContext context, CliOptions o)
    {
        var command = new Command("simulate", "Run the OpenRouter + Exa simulator on 127.0.0.1 until Ctrl+C.") { o.Port, o.Latency, o.LatencySigma, o.Faults, o.ExaQps, o.ChatRps, o.BatchLatency, o.Seed };
        command.Handle(context, async (parse, token) =>
        {
            SimulatorOptions options;
            try
            {
                options = new SimulatorOptions
                {
                    Port = parse.GetValue(o.Port) ?? 8787,
                    LatencyMs = parse.GetValue(o.Latency),
                    LatencySigma = parse.GetValue(o.LatencySigma),
                    Faults = parse.GetValue(o.Faults) is { } spec ? FaultSpec.Parse(spec) : FaultSpec.None,
                    // The run's --exa-qps has a default; the simulator accepts any rate unless the flag is given.
                    ExaQps = CliOptions.IsExplicit(parse, o.ExaQps) ? parse.GetValue(o.ExaQps) : null,
                    ChatRps = parse.GetValue(o.ChatRps),
                    BatchLatency = TimeSpan.FromSeconds(Math.Min(parse.GetValue(o.BatchLatency), 1e9)),
                    Seed = parse.GetValue(o.Seed),
                };
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                return CommandExit.Usage(ex.Message);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.Interrupts?.StopDispatch ?? token, token);
            var log = context.Out.Profile.Out.Writer;
            try
            {
                await SimulatorHost.RunAsync(options, log, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is the normal way to stop the simulator.
            }

            await log.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
