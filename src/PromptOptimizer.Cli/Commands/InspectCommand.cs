using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PromptOptimizer.Scheduling;
using PromptOptimizer.Cli.Rendering;
using PromptOptimizer.Output;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Cli.Commands;

/// <summary><c>inspect --topic PATH</c>: the tracking row and every call made for a topic (requests have no keys).</summary>
internal static class InspectCommand
{
    private const int MaxShown = 1500;

    public static Command Create(CliContext context, CliOptions o)
    {
        var command = new Command("inspect", "Sources, requests sent, raw answers, validation errors, cost and latency per attempt.")
        {
            o.StateDir, o.Store, o.TopicsDir, o.OutputDir, o.Topic, o.Mode, o.Json, o.Full,
        };
        command.Handle(context, (parse, token) => StoreAccess.WithTopicAsync(context, o, parse, async (db, path) =>
        {
            var report = await InspectReport.BuildAsync(db, new OutputPaths(parse.GetValue(o.OutputDir)!), parse.GetValue(o.Mode), path, token).ConfigureAwait(false);
            if (parse.GetValue(o.Json))
            {
                context.Out.WriteRawLine(JsonSerializer.Serialize(report, CliJsonContext.Default.InspectReport));
            }
            else
            {
                Print(context, report, parse.GetValue(o.Full));
            }

            return ExitCodes.Success;
        }, token));
        return command;
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
            o.WriteRawLines(
                Inv($"  [{r.Mode}] {r.Status}, attempts {r.Attempts}, cost ${r.CostUsd:0.000000}, tokens {r.PromptTokens}+{r.CompletionTokens}, {r.DurationMs ?? 0} ms"),
                r.LastError is null ? null : $"    last error ({r.ErrorKind}): {r.LastError}",
                r.OutputPath is null ? null : $"    output: {r.OutputPath}");
            o.WriteRawLines(r.Sources.Select(s => $"    source {s.Id}: {s.Url} {s.Title}"));
        }

        o.WriteRawLine(Inv($"Calls ({report.Attempts.Count}):"));
        foreach (var a in report.Attempts)
        {
            o.WriteRawLines(
                Inv($"  {a.At.ToLocalTime():HH:mm:ss} [{a.Mode}] {a.Stage} status={a.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-"} {a.LatencyMs} ms ${a.CostUsd:0.000000} tokens {a.PromptTokens}+{a.CompletionTokens}"),
                a.Error is null ? null : $"    error: {a.Error}",
                a.Request is null ? null : "    request: " + Cut(a.Request, full),
                a.RawAnswer is null ? null : "    answer: " + Cut(a.RawAnswer, full));
        }
    }

    private static string Cut(string text, bool full) => full || text.Length <= MaxShown ? text : text[..MaxShown] + $"… ({text.Length} chars; --full shows all)";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
