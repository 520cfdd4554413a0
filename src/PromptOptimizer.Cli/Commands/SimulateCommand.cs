using System.CommandLine;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>prompt-optimizer simulate</c>: the provider simulator as a standalone server.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 8787 };
        var latency = new Option<double>("--latency") { Description = "Median latency in ms (log-normal).", DefaultValueFactory = _ => 300 };
        var sigma = new Option<double>("--latency-sigma") { Description = "Log-normal spread of latency.", DefaultValueFactory = _ => 0.6 };
        var faults = new Option<string?>("--faults") { Description = "Fault rates, e.g. 429=0.05,500=0.02,bad-json=0.01." };
        var exaQps = new Option<double?>("--exa-qps") { Description = "Exa requests per second accepted (429 above)." };
        var chatRps = new Option<double?>("--chat-rps") { Description = "Chat requests per second accepted (429 above)." };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var command = new Command("simulate", "Run the OpenRouter + Exa simulator on 127.0.0.1 until Ctrl+C.") { port, latency, sigma, faults, exaQps, chatRps, seed };
        command.SetAction(async (parse, token) =>
        {
            SimulatorOptions options;
            try
            {
                options = new SimulatorOptions
                {
                    Port = parse.GetValue(port),
                    LatencyMs = parse.GetValue(latency),
                    LatencySigma = parse.GetValue(sigma),
                    Faults = parse.GetValue(faults) is { } spec ? FaultSpec.Parse(spec) : FaultSpec.None,
                    ExaQps = parse.GetValue(exaQps),
                    ChatRps = parse.GetValue(chatRps),
                    Seed = parse.GetValue(seed),
                };
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                await context.Error.WriteLineAsync("Error: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var stop = context.Interrupts?.StopDispatch ?? token;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, token);
            var log = new ConsoleBridge(context.Out);
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
