using PromptOptimizer.Cli.Rendering;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>inspect --topic PATH</c>: the tracking row and every call made for a topic (requests have no keys).</summary>
internal static class InspectCommand
{
    private const int MaxShown = 1500;

    public static Command Create(CliContext context)
    {
        var stateDir = StatusCommands.StateDirOption();
        var store = StatusCommands.StoreOption();
        var topicsDir = new Option<string>("--topics-dir") { Description = "Topics directory (to resolve a file path).", DefaultValueFactory = _ => "topics" };
        var outputDir = new Option<string>("--output-dir") { Description = "Where outputs are (to show the sources).", DefaultValueFactory = _ => "output" };
        var topic = new Option<string>("--topic") { Description = "Topic path relative to the topics directory, or a path to the file.", Required = true };
        var mode = StatusCommands.ModeOption();
        var json = StatusCommands.JsonOption();
        var full = new Option<bool>("--full") { Description = "Show requests and answers in full." };
        var command = new Command("inspect", "Sources, requests sent, raw answers, validation errors, cost and latency per attempt.") { stateDir, store, topicsDir, outputDir, topic, mode, json, full };
        command.SetAction(async (parse, token) =>
        {
            if (!StatusCommands.TryMode(parse.GetValue(mode), out var kind, out var modeError))
            {
                await context.Error.WriteLineAsync("Error: " + modeError).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var path = StatusCommands.ResolveTopic(parse.GetValue(topicsDir)!, parse.GetValue(topic)!);
            if (path is null)
            {
                await context.Error.WriteLineAsync($"Error: '{parse.GetValue(topic)}' is not inside the topics directory.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var opened = await StatusCommands.OpenExistingAsync(context, parse.GetValue(stateDir)!, parse.GetValue(store), token).ConfigureAwait(false);
            if (opened.Store is not { } db)
            {
                return opened.Exit;
            }

            await using (db.ConfigureAwait(false))
            {
                var records = await db.QueryAsync(new TopicQuery(kind, TopicPath: path), token).ConfigureAwait(false);
                var attempts = await db.GetAttemptsAsync(kind, path, token).ConfigureAwait(false);
                var paths = new OutputPaths(parse.GetValue(outputDir)!);
                var report = new InspectReport(path,
                    records.Select(r => new InspectRecord(StatusCommands.Lower(r.Mode), r.Status.ToString().ToLowerInvariant(), r.Attempts, r.ErrorKind, r.LastError,
                        r.OutputPath, r.CostUsd, r.PromptTokens, r.CompletionTokens, r.DurationMs, SourcesOf(paths, r.Mode, path))).ToList(),
                    attempts.Select(a => new InspectAttempt(StatusCommands.Lower(a.Mode), a.Stage, a.StatusCode, a.Error, a.PromptTokens, a.CompletionTokens, a.CostUsd, a.LatencyMs, a.At, a.Request, a.RawAnswer)).ToList());

                if (parse.GetValue(json))
                {
                    context.Out.WriteRawLine(JsonSerializer.Serialize(report, CliJsonContext.Default.InspectReport));
                    return ExitCodes.Success;
                }

                Print(context, report, parse.GetValue(full));
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static IReadOnlyList<SourceDocument> SourcesOf(OutputPaths paths, OutputKind kind, string topicPath)
    {
        var file = paths.For(kind, topicPath);
        if (!OutputInspector.TryRead(file, kind, out _, out var json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("sources", out var sources)
            ? sources.Deserialize(CliJsonContext.Default.IReadOnlyListSourceDocument) ?? []
            : [];
    }

    private static void Print(CliContext context, InspectReport report, bool full)
    {
        var o = context.Out;
        if (report.Records.Count == 0 && report.Attempts.Count == 0)
        {
            o.WriteRawLine($"No tracking for {report.Topic}.");
            return;
        }

        o.WriteRawLine($"Topic: {report.Topic}");
        foreach (var r in report.Records)
        {
            o.WriteRawLine(Inv($"  [{r.Mode}] {r.Status}, attempts {r.Attempts}, cost ${r.CostUsd:0.000000}, tokens {r.PromptTokens}+{r.CompletionTokens}, {r.DurationMs ?? 0} ms"));
            if (r.LastError is not null)
            {
                o.WriteRawLine($"    last error ({r.ErrorKind}): {r.LastError}");
            }

            if (r.OutputPath is not null)
            {
                o.WriteRawLine($"    output: {r.OutputPath}");
            }

            foreach (var s in r.Sources)
            {
                o.WriteRawLine($"    source {s.Id}: {s.Url} {s.Title}");
            }
        }

        o.WriteRawLine(Inv($"Calls ({report.Attempts.Count}):"));
        foreach (var a in report.Attempts)
        {
            o.WriteRawLine(Inv($"  {a.At.ToLocalTime():HH:mm:ss} [{a.Mode}] {a.Stage} status={a.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-"} {a.LatencyMs} ms ${a.CostUsd:0.000000} tokens {a.PromptTokens}+{a.CompletionTokens}"));
            if (a.Error is not null)
            {
                o.WriteRawLine($"    error: {a.Error}");
            }

            if (a.Request is not null)
            {
                o.WriteRawLine("    request: " + Cut(a.Request, full));
            }

            if (a.RawAnswer is not null)
            {
                o.WriteRawLine("    answer: " + Cut(a.RawAnswer, full));
            }
        }
    }

    private static string Cut(string text, bool full) => full || text.Length <= MaxShown ? text : text[..MaxShown] + $"… ({text.Length} chars; --full shows all)";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
