using System.CommandLine;
using System.Globalization;
using PromptOptimizer.Cli.Commands;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Generation;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Hosting;

/// <summary><c>work</c>: one worker process on the PostgreSQL queue, with the run's model and limit flags.</summary>
internal static class WorkerRun
{
    public static Command Create(CliContext context)
    {
        var run = new RunOptionSet();
        var store = WorkerCommands.StoreOption();
        var follow = new Option<bool>("--follow") { Description = "Keep polling for new work instead of exiting when the queue is drained." };
        var lease = new Option<double>("--lease-seconds") { Description = "Seconds a claim holds without a heartbeat.", DefaultValueFactory = _ => 300, Hidden = true };
        var poll = new Option<double>("--poll-seconds") { Description = "Seconds between two claims that found nothing.", DefaultValueFactory = _ => 5, Hidden = true };
        var claimBatch = new Option<int>("--claim-batch") { Description = "Topics per claim.", DefaultValueFactory = _ => 10, Hidden = true };
        var command = new Command("work", "Claim topics from the PostgreSQL queue and process them until it is drained (or forever with --follow).")
        {
            run.Flashcards, run.Prompts, run.Unified, run.UseWebPlugin, run.Provider, run.Concurrent, run.OutputDir, run.Model, run.CriticModel,
            run.SearchResults, run.MaxRepairs, run.MinScore, run.MaxRounds, run.ExaQps, run.Rpm, run.MaxRetries, run.RequestTimeout, run.Grace,
            run.Prices, run.RetryBaseDelay, run.SimLatency, run.SimLatencySigma, run.SimFaults, run.SimSeed, run.SimExaQps, store, follow, lease, poll, claimBatch,
        };
        command.SetAction(async (parse, token) =>
        {
            var (variant, modeError) = run.VariantOf(parse);
            var settings = Bind(run, parse);
            var error = modeError ?? RunOptionSet.Validate(settings)
                ?? (parse.GetValue(lease) is < 1 or > 86_400 ? "--lease-seconds must be between 1 and 86400" : null)
                ?? (parse.GetValue(poll) is <= 0 or > 3600 ? "--poll-seconds must be between 0 and 3600" : null)
                ?? (parse.GetValue(claimBatch) is < 1 or > 1000 ? "--claim-batch must be between 1 and 1000" : null)
                ?? RunHost.CheckKeys(settings, context.Environment, needsExa: !settings.UseWebPlugin);
            if (error is not null)
            {
                await context.Error.WriteLineAsync("Error: " + error).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            PriceTable prices;
            try
            {
                prices = RunHost.LoadPrices(settings.PricesFile);
            }
            catch (Exception ex) when (ex is IOException or FormatException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                await context.Error.WriteLineAsync($"Error: cannot read --prices: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var (queue, exit) = await WorkerCommands.OpenQueueAsync(context, parse.GetValue(store), "work", token).ConfigureAwait(false);
            if (queue is null)
            {
                return exit;
            }

            await using (queue.ConfigureAwait(false))
            {
                var now = context.Time.GetUtcNow();
                var workerId = $"{Environment.MachineName}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}";
                var options = new WorkerOptions(workerId, now.ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture) + "-" + workerId, settings.Concurrent,
                    TimeSpan.FromSeconds(parse.GetValue(lease)), TimeSpan.FromSeconds(parse.GetValue(poll)), parse.GetValue(follow),
                    variant is { } v ? RunVariants.ProductOf(v) : null, parse.GetValue(claimBatch));
                return await RunAsync(context, settings, options, queue, prices, token).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, RunSettings settings, WorkerOptions options, IWorkQueue queue, PriceTable prices, CancellationToken token)
    {
        var paths = new OutputPaths(settings.OutputDir);
        foreach (var kind in Enum.GetValues<OutputKind>())
        {
            AtomicFile.SweepTempFiles(Path.Combine(paths.Root, OutputKinds.NameOf(kind)));
        }

        await using var host = await RunHost.StartAsync(settings, context.Environment, prices, context.Time, queue, token).ConfigureAwait(false);
        using var tree = WorkerTopicTree.CreateTemporary(options.WorkerId);
        var generation = new GenerationOptions(settings.Model, settings.CriticModel, settings.MaxRepairs, settings.MinScore, settings.MaxRounds, settings.SearchResults);
        var loop = new WorkerLoop(queue, queue, tree, v => new TopicRunner(tree.LoaderFor(RunVariants.ProductOf(v)), queue,
            host.CreatePipeline(settings with { Variant = v }, generation, paths, context.Time), prices, context.Time, settings.SearchResults), context.Time);

        var output = new Lock();
        loop.TopicFinished += outcome =>
        {
            lock (output)
            {
                var message = outcome.Message is null ? "" : " - " + outcome.Message;
                context.Out.WriteRawLine(Inv($"{outcome.Status.ToString().ToLowerInvariant()} {outcome.TopicPath} ({outcome.Duration.TotalSeconds:0.0}s, ${outcome.Usage.CostUsd:0.0000}){message}"));
            }
        };
        loop.HeartbeatFailed += ex => context.Error.WriteLine("Warning: heartbeat failed: " + ex.Message);

        await queue.RegisterWorkerAsync(options.WorkerId, Environment.MachineName, Environment.ProcessId, token).ConfigureAwait(false);
        context.Out.WriteRawLine(Inv($"Worker {options.WorkerId} on {queue.Description}: {options.Concurrency} at once, lease {options.Lease.TotalSeconds:0}s{(options.Follow ? ", following" : "")}."));
        var interrupts = context.Interrupts;
        interrupts?.SetGrace(TimeSpan.FromSeconds(settings.GraceSeconds));
        var summary = await loop.RunAsync(options, interrupts?.StopDispatch ?? token, interrupts?.Abort ?? CancellationToken.None).ConfigureAwait(false);
        await queue.FlushAsync(CancellationToken.None).ConfigureAwait(false);

        context.Out.WriteRawLine(Inv($"Worker {options.WorkerId} {(summary.Interrupted ? "stopped" : "done")}: claimed {summary.Claimed}, completed {summary.Completed}, failed {summary.Failed}, taken over by others {summary.Skipped}, released {summary.Released}, cost ${summary.CostUsd:0.0000}, {summary.Elapsed.TotalSeconds:0.0}s."));
        if (host.Provider.ExpiredPermits is > 0 and var expired)
        {
            // Each one is a shared permit nobody used: frequent ones mean a stalled machine or a database too far away.
            context.Out.WriteRawLine(Inv($"Rate limits: {expired} shared permits expired before their request could leave and were replaced."));
        }

        if (summary.StopMessage is { } stopped)
        {
            context.Out.WriteRawLine("Stopped: " + stopped);
            return ExitCodes.Stopped;
        }

        return summary.Interrupted ? ExitCodes.Interrupted : summary.Failed > 0 ? ExitCodes.TopicsFailed : ExitCodes.Success;
    }

    private static RunSettings Bind(RunOptionSet run, ParseResult parse) => new()
    {
        UseWebPlugin = parse.GetValue(run.UseWebPlugin),
        Provider = parse.GetValue(run.Provider) ?? "openrouter",
        Concurrent = parse.GetValue(run.Concurrent),
        OutputDir = parse.GetValue(run.OutputDir) ?? "output",
        Model = parse.GetValue(run.Model) ?? "openai/gpt-4o-mini",
        CriticModel = parse.GetValue(run.CriticModel),
        SearchResults = parse.GetValue(run.SearchResults),
        MaxRepairs = parse.GetValue(run.MaxRepairs),
        MinScore = parse.GetValue(run.MinScore),
        MaxRounds = parse.GetValue(run.MaxRounds),
        ExaQps = parse.GetValue(run.ExaQps),
        Rpm = parse.GetValue(run.Rpm),
        MaxRetries = parse.GetValue(run.MaxRetries),
        RequestTimeoutSeconds = parse.GetValue(run.RequestTimeout),
        GraceSeconds = parse.GetValue(run.Grace),
        PricesFile = parse.GetValue(run.Prices),
        RetryBaseDelayMs = parse.GetValue(run.RetryBaseDelay),
        SimLatencyMs = parse.GetValue(run.SimLatency),
        SimLatencySigma = parse.GetValue(run.SimLatencySigma),
        SimFaults = parse.GetValue(run.SimFaults),
        SimSeed = parse.GetValue(run.SimSeed),
        SimExaQps = parse.GetValue(run.SimExaQps),
    };

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
