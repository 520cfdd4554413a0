using PromptOptimizer.Cli.Rendering;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PromptOptimizer.Cli.Hosting;
using PromptOptimizer.Output;
using PromptOptimizer.Topics;
using PromptOptimizer.Tracking;
using Spectre.Console;

namespace PromptOptimizer.Cli.Commands;

/// <summary>The completion database commands: status, failed, reset, clear and inspect.</summary>
internal static class StatusCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return CompletionStatus(context);
        yield return CompletionFailed(context);
        yield return CompletionReset(context);
        yield return CompletionClear(context);
        yield return InspectCommand.Create(context);
    }

    internal static Option<string> StateDirOption() => new("--state-dir") { Description = "State directory holding completion_tracking.db.", DefaultValueFactory = _ => "state" };

    internal static Option<string?> StoreOption() => new("--store") { Description = "Completion store: sqlite:PATH (default <state-dir>/completion_tracking.db) or a PostgreSQL URL / connection string (env PROMPT_OPTIMIZER_STORE)." };

    internal static Option<string?> ModeOption() => new("--mode") { Description = "flashcards, prompts or unified (default: all)." };

    internal static Option<bool> JsonOption() => new("--json") { Description = "JSON output." };

    internal static bool TryMode(string? text, out OutputKind? mode, out string? error)
    {
        mode = null;
        error = null;
        if (text is null)
        {
            return true;
        }

        if (Enum.TryParse<OutputKind>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            mode = parsed;
            return true;
        }

        error = $"--mode must be flashcards, prompts or unified, not '{text}'";
        return false;
    }

    private static Command CompletionStatus(CliContext context)
    {
        var stateDir = StateDirOption();
        var store = StoreOption();
        var topicsDir = new Option<string>("--topics-dir") { Description = "Topics directory, to find completed topics whose file changed (stale).", DefaultValueFactory = _ => "topics" };
        var json = JsonOption();
        var command = new Command("completion-status", "Counts by mode, category and status, with stale topics, tokens and cost.") { stateDir, store, topicsDir, json };
        command.SetAction(async (parse, token) =>
        {
            var opened = await OpenExistingAsync(context, parse.GetValue(stateDir)!, parse.GetValue(store), token).ConfigureAwait(false);
            if (opened.Store is not { } db)
            {
                return opened.Exit;
            }

            await using (db.ConfigureAwait(false))
            {
                var rows = await db.SummarizeAsync(token).ConfigureAwait(false);
                var stale = await FindStaleAsync(db, parse.GetValue(topicsDir)!, token).ConfigureAwait(false);
                var workers = db.WorkQueue is { } queue ? await WorkerTable.ListAsync(queue, context.Time, token).ConfigureAwait(false) : null;
                if (parse.GetValue(json) && workers is not null)
                {
                    var rowsJson = rows.Select(r => new StatusReportRow(Lower(r.Mode), r.Category, r.Status.ToString().ToLowerInvariant(), r.Count, r.PromptTokens, r.CompletionTokens, r.CostUsd)).ToList();
                    context.Out.WriteRawLine(JsonSerializer.Serialize(new DistributedStatusReport(rowsJson, stale, workers), DistributedJsonContext.Default.DistributedStatusReport));
                    return ExitCodes.Success;
                }

                if (parse.GetValue(json))
                {
                    var report = new StatusReport(rows.Select(r => new StatusReportRow(Lower(r.Mode), r.Category, r.Status.ToString().ToLowerInvariant(), r.Count, r.PromptTokens, r.CompletionTokens, r.CostUsd)).ToList(), stale);
                    context.Out.WriteRawLine(JsonSerializer.Serialize(report, CliJsonContext.Default.StatusReport));
                    return ExitCodes.Success;
                }

                if (workers is not null)
                {
                    WorkerTable.Print(context.Out, workers);
                }

                if (rows.Count == 0)
                {
                    context.Out.WriteRawLine("No topics tracked yet.");
                    return ExitCodes.Success;
                }

                var table = new Table().AddColumns("Mode", "Category", "Pending", "Started", "Completed", "Failed", "Stale", "Tokens", "Cost");
                foreach (var group in rows.GroupBy(r => (r.Mode, r.Category)).OrderBy(g => g.Key.Mode).ThenBy(g => g.Key.Category, StringComparer.Ordinal))
                {
                    int Count(TopicStatus s) => group.Where(r => r.Status == s).Sum(r => r.Count);
                    var staleCount = stale.Count(s => s.Mode == Lower(group.Key.Mode) && s.Path.StartsWith(group.Key.Category + "/", StringComparison.Ordinal));
                    table.AddRow(Lower(group.Key.Mode), Markup.Escape(group.Key.Category), Inv(Count(TopicStatus.Pending)), Inv(Count(TopicStatus.Started)),
                        Inv(Count(TopicStatus.Completed)), Inv(Count(TopicStatus.Failed)), Inv(staleCount),
                        Inv(group.Sum(r => r.PromptTokens + r.CompletionTokens)), "$" + group.Sum(r => r.CostUsd).ToString("0.0000", CultureInfo.InvariantCulture));
                }

                context.Out.Write(table);
                var totalCompleted = rows.Where(r => r.Status == TopicStatus.Completed).Sum(r => r.Count);
                context.Out.WriteRawLine(Inv($"Total: {rows.Sum(r => r.Count)} tracked, {totalCompleted} completed, {rows.Where(r => r.Status == TopicStatus.Failed).Sum(r => r.Count)} failed, {stale.Count} stale, cost ${rows.Sum(r => r.CostUsd):0.0000}"));
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command CompletionFailed(CliContext context)
    {
        var stateDir = StateDirOption();
        var store = StoreOption();
        var mode = ModeOption();
        var json = JsonOption();
        var command = new Command("completion-failed", "Failed topics with mode, attempts, last error and time.") { stateDir, store, mode, json };
        command.SetAction(async (parse, token) =>
        {
            if (!TryMode(parse.GetValue(mode), out var kind, out var modeError))
            {
                await context.Error.WriteLineAsync("Error: " + modeError).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var opened = await OpenExistingAsync(context, parse.GetValue(stateDir)!, parse.GetValue(store), token).ConfigureAwait(false);
            if (opened.Store is not { } db)
            {
                return opened.Exit;
            }

            await using (db.ConfigureAwait(false))
            {
                var failed = await db.QueryAsync(new TopicQuery(kind, TopicStatus.Failed), token).ConfigureAwait(false);
                var entries = failed.Select(r => new FailedEntry(r.TopicPath, Lower(r.Mode), r.Attempts, r.ErrorKind, r.LastError, r.CompletedAt ?? r.StartedAt)).ToList();
                if (parse.GetValue(json))
                {
                    context.Out.WriteRawLine(JsonSerializer.Serialize(entries, CliJsonContext.Default.ListFailedEntry));
                    return ExitCodes.Success;
                }

                if (entries.Count == 0)
                {
                    context.Out.WriteRawLine("No failed topics.");
                    return ExitCodes.Success;
                }

                foreach (var e in entries)
                {
                    context.Out.WriteRawLine(Inv($"{e.Mode}  {e.Path}  attempts={e.Attempts}  at {e.At?.ToLocalTime():yyyy-MM-dd HH:mm:ss}"));
                    context.Out.WriteRawLine($"    {e.Kind}: {e.Error}");
                }

                context.Out.WriteRawLine(Inv($"{entries.Count} failed. Reprocess them by running the same mode again (or with --resume)."));
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command CompletionReset(CliContext context)
    {
        var stateDir = StateDirOption();
        var store = StoreOption();
        var topicsDir = new Option<string>("--topics-dir") { Description = "Topics directory (to resolve a file path).", DefaultValueFactory = _ => "topics" };
        var topic = new Option<string>("--topic") { Description = "Topic path relative to the topics directory, or a path to the file.", Required = true };
        var mode = ModeOption();
        var command = new Command("completion-reset", "Put a topic back to pending so the next run processes it again.") { stateDir, store, topicsDir, topic, mode };
        command.SetAction(async (parse, token) =>
        {
            if (!TryMode(parse.GetValue(mode), out var kind, out var modeError))
            {
                await context.Error.WriteLineAsync("Error: " + modeError).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var path = ResolveTopic(parse.GetValue(topicsDir)!, parse.GetValue(topic)!);
            if (path is null)
            {
                await context.Error.WriteLineAsync($"Error: '{parse.GetValue(topic)}' is not inside the topics directory.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var opened = await OpenExistingAsync(context, parse.GetValue(stateDir)!, parse.GetValue(store), token).ConfigureAwait(false);
            if (opened.Store is not { } db)
            {
                return opened.Exit;
            }

            await using (db.ConfigureAwait(false))
            {
                var changed = await db.ResetAsync(kind, path, token).ConfigureAwait(false);
                await db.FlushAsync(token).ConfigureAwait(false);
                context.Out.WriteRawLine(changed == 0 ? $"No tracking rows for {path}." : Inv($"Reset {path}: {changed} row(s) back to pending."));
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command CompletionClear(CliContext context)
    {
        var stateDir = StateDirOption();
        var store = StoreOption();
        var force = new Option<bool>("--force") { Description = "Do not ask." };
        var command = new Command("completion-clear", "Remove all completion tracking (outputs on disk are kept).") { stateDir, store, force };
        command.SetAction(async (parse, token) =>
        {
            if (!parse.GetValue(force))
            {
                if (!context.IsInteractive)
                {
                    await context.Error.WriteLineAsync("Error: completion-clear removes all tracking; add --force to confirm without a terminal.").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                context.Out.WriteRaw("Remove all completion tracking? [y/N] ");
                if (context.ReadLine()?.Trim().ToLowerInvariant() is not ("y" or "yes"))
                {
                    context.Out.WriteRawLine("Nothing was removed.");
                    return ExitCodes.Success;
                }
            }

            var opened = await OpenExistingAsync(context, parse.GetValue(stateDir)!, parse.GetValue(store), token).ConfigureAwait(false);
            if (opened.Store is not { } db)
            {
                return opened.Exit;
            }

            await using (db.ConfigureAwait(false))
            {
                await db.ClearAsync(token).ConfigureAwait(false);
                await db.FlushAsync(token).ConfigureAwait(false);
                context.Out.WriteRawLine("Completion tracking cleared. Outputs on disk are kept and will be adopted by the next run without API calls.");
                return ExitCodes.Success;
            }
        });
        return command;
    }

    internal static string? ResolveTopic(string topicsDir, string userPath) =>
        Directory.Exists(topicsDir) ? new TopicLoader(topicsDir).ToTopicPath(userPath) : TopicLoader.CheckRelativePath(userPath.Replace('\\', '/')) is null ? userPath.Replace('\\', '/') : null;

    internal static Task<(ICompletionStore? Store, int Exit)> OpenExistingAsync(CliContext context, string stateDir, CancellationToken token) =>
        OpenExistingAsync(context, stateDir, null, token);

    /// <summary>Opens the store <c>--store</c> (or <c>PROMPT_OPTIMIZER_STORE</c>) names; a SQLite file that does not exist yet is only a message.</summary>
    internal static async Task<(ICompletionStore? Store, int Exit)> OpenExistingAsync(CliContext context, string stateDir, string? storeOption, CancellationToken token)
    {
        var (spec, specError) = StoreSpec.Resolve(storeOption, context.Environment, stateDir);
        if (specError is not null)
        {
            await context.Error.WriteLineAsync("Error: " + specError).ConfigureAwait(false);
            return (null, ExitCodes.Usage);
        }

        if (spec!.SqlitePath is { } sqlitePath && !File.Exists(sqlitePath))
        {
            await context.Error.WriteLineAsync(storeOption is null && context.Environment(StoreSpec.EnvironmentVariable) is null
                ? $"No completion database in {Path.GetFullPath(stateDir)} yet (nothing has run with this --state-dir)."
                : $"No completion database at {spec.Description} yet.").ConfigureAwait(false);
            return (null, ExitCodes.Success);
        }

        var (store, error) = await StoreFactory.OpenAsync(spec, context.Time, token).ConfigureAwait(false);
        if (error is not null)
        {
            await context.Error.WriteLineAsync("Error: " + error).ConfigureAwait(false);
            return (null, ExitCodes.Usage);
        }

        return (store, ExitCodes.Success);
    }

    private static async Task<List<StaleEntry>> FindStaleAsync(ICompletionStore store, string topicsDir, CancellationToken token)
    {
        var stale = new List<StaleEntry>();
        if (!Directory.Exists(topicsDir))
        {
            return stale;
        }

        var loader = new TopicLoader(topicsDir);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kind in Enum.GetValues<OutputKind>())
        {
            var completed = await store.QueryAsync(new TopicQuery(kind, TopicStatus.Completed), token).ConfigureAwait(false);
            foreach (var record in completed)
            {
                if (!hashes.TryGetValue(record.TopicPath, out var hash))
                {
                    hash = loader.Load(record.TopicPath).Topic?.ContentHash ?? "";
                    hashes[record.TopicPath] = hash;
                }

                if (hash.Length > 0 && record.IsStaleFor(hash))
                {
                    stale.Add(new StaleEntry(record.TopicPath, Lower(kind)));
                }
            }
        }

        return stale;
    }

    internal static string Lower(OutputKind kind) => OutputKinds.NameOf(kind);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Inv(long value) => value.ToString(CultureInfo.InvariantCulture);
}
