using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PromptOptimizer.Cli.Hosting;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Commands;

/// <summary>The distributed batch on a PostgreSQL store: <c>enqueue</c> topics, <c>work</c> on them anywhere, <c>materialize</c> the results.</summary>
internal static class WorkerCommands
{
    /// <summary>Topics read and sent per enqueue call: bounded memory for 100k topic files.</summary>
    private const int EnqueueChunk = 1000;

    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Enqueue(context);
        yield return WorkerRun.Create(context);
        yield return Materialize(context);
    }

    internal static Option<string?> StoreOption() => new("--store") { Description = "The PostgreSQL store: a postgresql:// URL or connection string (default: env PROMPT_OPTIMIZER_STORE)." };

    /// <summary>Opens the PostgreSQL store the option or the environment names; a SQLite or missing store is a usage error.</summary>
    internal static async Task<(IWorkQueue? Store, int Exit)> OpenQueueAsync(CliContext context, string? store, string command, CancellationToken token)
    {
        var (spec, error) = StoreSpec.Resolve(store, context.Environment, "state");
        if (error is null && spec is { IsPostgres: false })
        {
            error = $"{command} needs a PostgreSQL store: pass --store postgresql://user@host/db or set {StoreSpec.EnvironmentVariable}";
        }

        if (error is not null)
        {
            await context.Error.WriteLineAsync("Error: " + error).ConfigureAwait(false);
            return (null, ExitCodes.Usage);
        }

        var (opened, openError) = await StoreFactory.OpenAsync(spec!, context.Time, token).ConfigureAwait(false);
        if (opened?.WorkQueue is not { } postgres)
        {
            await context.Error.WriteLineAsync("Error: " + openError).ConfigureAwait(false);
            return (null, ExitCodes.Usage);
        }

        return (postgres, ExitCodes.Success);
    }

    private static Command Enqueue(CliContext context)
    {
        var run = new RunOptionSet();
        var store = StoreOption();
        var command = new Command("enqueue", "Store the selected topics (path, content, hash) in the PostgreSQL queue for that mode; idempotent.")
        {
            run.Flashcards, run.Prompts, run.Unified, run.UseWebPlugin, run.Category, run.Limit, run.TopicsDir, store,
        };
        command.SetAction(async (parse, token) =>
        {
            var (variant, modeError) = run.VariantOf(parse);
            modeError ??= variant is null ? "choose a mode: --flashcards [--use-web-plugin], --prompts or --unified" : null;
            var limit = parse.GetValue(run.Limit);
            modeError ??= limit is < 1 ? "--limit must be at least 1" : null;
            var topicsDir = parse.GetValue(run.TopicsDir)!;
            modeError ??= Directory.Exists(topicsDir) ? null : $"topics directory not found: {Path.GetFullPath(topicsDir)} (set --topics-dir)";
            if (modeError is not null)
            {
                await context.Error.WriteLineAsync("Error: " + modeError).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var (queue, exit) = await OpenQueueAsync(context, parse.GetValue(store), "enqueue", token).ConfigureAwait(false);
            if (queue is null)
            {
                return exit;
            }

            await using (queue.ConfigureAwait(false))
            {
                var selected = variant!.Value;
                var loader = new TopicLoader(topicsDir);
                var totals = new EnqueueResult(0, 0, 0, 0);
                var invalid = new List<string>();
                var chunk = new List<QueuedTopic>(EnqueueChunk);
                var taken = 0;
                foreach (var path in loader.EnumeratePaths(parse.GetValue(run.Category)))
                {
                    if (limit is { } max && taken >= max)
                    {
                        break;
                    }

                    var (topic, problem) = await ReadAsync(loader, path, token).ConfigureAwait(false);
                    if (topic is null)
                    {
                        invalid.Add($"{path}: {problem}");
                        continue;
                    }

                    chunk.Add(topic);
                    taken++;
                    if (chunk.Count == EnqueueChunk)
                    {
                        totals = Add(totals, await queue.EnqueueAsync(selected, chunk, token).ConfigureAwait(false));
                        chunk.Clear();
                    }
                }

                if (chunk.Count > 0)
                {
                    totals = Add(totals, await queue.EnqueueAsync(selected, chunk, token).ConfigureAwait(false));
                }

                foreach (var line in invalid.Take(20))
                {
                    await context.Error.WriteLineAsync("Skipped invalid topic " + line).ConfigureAwait(false);
                }

                context.Out.WriteRawLine(Inv($"Enqueued {totals.Total} {RunVariants.ShortNameOf(selected)} topics on {queue.Description}: {totals.Added} added, {totals.Changed} changed, {totals.Requeued} requeued, {totals.Unchanged} unchanged{(invalid.Count > 0 ? $", {invalid.Count} invalid skipped" : "")}."));
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command Materialize(CliContext context)
    {
        var store = StoreOption();
        var outputDir = new Option<string>("--output-dir") { Description = "Where the output files are written.", DefaultValueFactory = _ => "output" };
        var mode = StatusCommands.ModeOption();
        var command = new Command("materialize", "Write every completed result stored in the PostgreSQL queue to output files (atomically).") { store, outputDir, mode };
        command.SetAction(async (parse, token) =>
        {
            if (!StatusCommands.TryMode(parse.GetValue(mode), out var kind, out var modeError))
            {
                await context.Error.WriteLineAsync("Error: " + modeError).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var (queue, exit) = await OpenQueueAsync(context, parse.GetValue(store), "materialize", token).ConfigureAwait(false);
            if (queue is null)
            {
                return exit;
            }

            await using (queue.ConfigureAwait(false))
            {
                var paths = new OutputPaths(parse.GetValue(outputDir)!);
                int written = 0, unreadable = 0;
                await foreach (var result in queue.GetResultsAsync(kind, token).ConfigureAwait(false))
                {
                    if (TopicLoader.CheckRelativePath(result.TopicPath) is not null || Reserialize(result) is not { } bytes)
                    {
                        unreadable++;
                        await context.Error.WriteLineAsync($"Skipped {StatusCommands.Lower(result.Mode)} {result.TopicPath}: the stored result is not a valid output document.").ConfigureAwait(false);
                        continue;
                    }

                    await AtomicFile.WriteAsync(paths.For(result.Mode, result.TopicPath), bytes, token).ConfigureAwait(false);
                    written++;
                }

                context.Out.WriteRawLine(Inv($"Materialized {written} result(s) into {paths.Root}{(unreadable > 0 ? $"; {unreadable} skipped" : "")}."));
                return unreadable > 0 ? ExitCodes.TopicsFailed : ExitCodes.Success;
            }
        });
        return command;
    }

    /// <summary>The stored document in the usual file form (jsonb keeps neither key order nor spacing); null when it does not parse.</summary>
    internal static byte[]? Reserialize(MaterializedResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            var context = OutputJsonContext.Default;
            return result.Mode switch
            {
                OutputKind.Flashcards => JsonSerializer.Deserialize(result.ResultJson, context.FlashcardDocument) is { } f ? JsonSerializer.SerializeToUtf8Bytes(f, context.FlashcardDocument) : null,
                OutputKind.Prompts => JsonSerializer.Deserialize(result.ResultJson, context.PromptDocument) is { } p ? JsonSerializer.SerializeToUtf8Bytes(p, context.PromptDocument) : null,
                OutputKind.Unified => JsonSerializer.Deserialize(result.ResultJson, context.UnifiedDocument) is { } u ? JsonSerializer.SerializeToUtf8Bytes(u, context.UnifiedDocument) : null,
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A topic file's bytes and hash, or why it cannot be queued (the hash is the one the runner computes).</summary>
    private static async Task<(QueuedTopic? Topic, string? Problem)> ReadAsync(TopicLoader loader, string path, CancellationToken token)
    {
        var check = loader.Load(path);
        if (check.Topic is null)
        {
            return (null, check.Error);
        }

        var bytes = await File.ReadAllBytesAsync(Path.Combine(loader.Root, path), token).ConfigureAwait(false);
        var parsed = TopicLoader.Parse(path, bytes);
        return parsed.Topic is { } topic ? (new QueuedTopic(path, topic.ContentHash, bytes), null) : (null, parsed.Error);
    }

    private static EnqueueResult Add(EnqueueResult a, EnqueueResult b) =>
        new(a.Added + b.Added, a.Changed + b.Changed, a.Requeued + b.Requeued, a.Unchanged + b.Unchanged);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
