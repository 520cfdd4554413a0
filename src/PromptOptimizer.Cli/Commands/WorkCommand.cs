using System.CommandLine;
using System.Globalization;
using PromptOptimizer.Cli.Hosting;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>work</c>: one worker process on the PostgreSQL queue, with the run's model and limit flags.</summary>
internal static class WorkCommand
{
    public static Command Create(CliContext context, CliOptions o)
    {
        var command = new Command("work", "Claim topics from the PostgreSQL queue and process them until it is drained (or forever with --follow).");
        foreach (var option in o.Work)
        {
            command.Options.Add(option);
        }

        command.Handle(context, async (parse, token) =>
        {
            var (variant, error) = RunBinder.VariantOf(o, parse);
            var settings = RunBinder.Bind(o, parse, variant ?? RunVariant.FlashcardsExa, []);
            var (prices, pricesError) = RunHost.LoadPrices(settings.PricesFile);
            error ??= settings.Validate()
                ?? (parse.GetValue(o.LeaseSeconds) is < 1 or > 86_400 ? "--lease-seconds must be between 1 and 86400" : null)
                ?? (parse.GetValue(o.PollSeconds) is <= 0 or > 3600 ? "--poll-seconds must be between 0 and 3600" : null)
                ?? (parse.GetValue(o.ClaimBatch) is < 1 or > 1000 ? "--claim-batch must be between 1 and 1000" : null)
                ?? RunHost.CheckKeys(settings, context.Environment, needsExa: !settings.UseWebPlugin)
                ?? pricesError;
            if (error is not null)
            {
                return CommandExit.Usage(error);
            }

            return await StoreAccess.WithQueueAsync(context, o, parse, queue =>
            {
                var workerId = $"{Environment.MachineName}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}";
                var options = new WorkerOptions(workerId, context.Time.GetUtcNow().ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture) + "-" + workerId, settings.Concurrent,
                    TimeSpan.FromSeconds(parse.GetValue(o.LeaseSeconds)), TimeSpan.FromSeconds(parse.GetValue(o.PollSeconds)), parse.GetValue(o.Follow),
                    variant is { } v ? RunVariants.ProductOf(v) : null, parse.GetValue(o.ClaimBatch));
                queue.Outage?.Budget = TimeSpan.FromSeconds(settings.StoreOutageSeconds);
                return RunAsync(context, settings, options, queue, prices!, token);
            }, token).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<CommandExit> RunAsync(CliContext context, RunSettings settings, WorkerOptions options, IWorkQueue queue, PriceTable prices, CancellationToken token)
    {
        var paths = new OutputPaths(settings.OutputDir);
        paths.SweepTempFiles();

        await using var host = await RunHost.StartAsync(settings, context.Environment, prices, context.Time, queue, token).ConfigureAwait(false);
        using var tree = WorkerTopicTree.CreateTemporary(options.WorkerId);
        var loop = new WorkerLoop(queue, queue, tree, v => host.CreateRunner(settings with { Variant = v }, tree.LoaderFor(RunVariants.ProductOf(v)), queue, paths), context.Time,
            [host.Provider.ChatGate, host.Provider.ExaGate]);

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
        var (stop, abort) = context.InterruptsWithGrace(settings.GraceSeconds, token);
        var summary = await loop.RunAsync(options, stop, abort).ConfigureAwait(false);

        // An expired permit is a shared permit nobody used: frequent ones mean a stalled machine or a database too far away.
        context.Out.WriteRawLines(
            Inv($"Worker {options.WorkerId} {(summary.Interrupted ? "stopped" : "done")}: claimed {summary.Claimed}, completed {summary.Completed}, failed {summary.Failed}, taken over by others {summary.Skipped}, released {summary.Released}, cost ${summary.CostUsd:0.0000}, {summary.Elapsed.TotalSeconds:0.0}s."),
            host.Provider.ExpiredPermits is > 0 and var expired ? Inv($"Rate limits: {expired} shared permits expired before their request could leave and were replaced.") : null,
            summary.StopMessage is { } stopped ? "Stopped: " + stopped : null);
        return summary.StopMessage is not null ? ExitCodes.Stopped : summary.Interrupted ? ExitCodes.Interrupted : summary.Failed > 0 ? ExitCodes.TopicsFailed : ExitCodes.Success;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
