using System.Globalization;
using System.Text.Json.Nodes;

namespace PromptOptimizer.Simulator;

/// <summary>
/// The batches the simulator holds, newest last. A batch is processed when it is first read after
/// <see cref="SimulatorOptions.BatchLatency"/>: every request gets what a synchronous call would have got (the same
/// answer generation, scripts and fault kinds), billed at <see cref="SimulatorOptions.BatchPriceFactor"/>.
/// </summary>
internal sealed class BatchStore(SimulatorCore core, ChatEndpoint chat)
{
    private readonly Lock _gate = new();
    private readonly List<SimBatch> _batches = [];

    public void Add(SimBatch batch)
    {
        lock (_gate)
        {
            _batches.Add(batch);
        }

        core.Stats.Batches.Submitted(batch.Items.Select(i => i.CustomId));
    }

    /// <summary>The batch as it stands now (processed first when it is due), or null when unknown.</summary>
    public JsonObject? Get(string id, bool withResults)
    {
        lock (_gate)
        {
            return Find(id) is { } batch ? BatchJson.Object(Advance(batch), withResults, core.Options.ReportCost) : null;
        }
    }

    /// <summary>A newest-first page of batches without results, after the batch <paramref name="after"/> when given.</summary>
    public JsonObject List(int limit, string? after)
    {
        lock (_gate)
        {
            var newestFirst = Enumerable.Reverse(_batches).ToList();
            var start = after is null ? 0 : newestFirst.FindIndex(b => b.Id == after) + 1;
            var page = newestFirst.Skip(start).Take(limit).Select(Advance).ToList();
            return new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(page.Select(b => (JsonNode)BatchJson.Object(b, withResults: false, core.Options.ReportCost)).ToArray()),
                ["first_id"] = page.Count == 0 ? null : page[0].Id,
                ["last_id"] = page.Count == 0 ? null : page[^1].Id,
                ["has_more"] = start + page.Count < newestFirst.Count,
            };
        }
    }

    /// <summary>A page of a finished batch's results from <paramref name="cursor"/> (a line index); null when the batch
    /// is unknown, a status word when it has not finished.</summary>
    public (JsonObject? Page, string? Status) Results(string id, int cursor, int limit)
    {
        lock (_gate)
        {
            if (Find(id) is not { } batch)
            {
                return (null, null);
            }

            if (!Advance(batch).IsTerminal)
            {
                return (null, batch.Status);
            }

            var lines = batch.Results.Skip(cursor).Take(limit).Select(r => r!.DeepClone()).ToArray();
            var next = cursor + lines.Length;
            var more = next < batch.Results.Count;
            return (new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(lines),
                ["has_more"] = more,
                ["next_cursor"] = more ? next.ToString(CultureInfo.InvariantCulture) : null,
            }, batch.Status);
        }
    }

    /// <summary>Cancels a running batch (its requests are never answered); null when unknown, the batch as it is
    /// (still terminal) when it had already finished.</summary>
    public (JsonObject? Batch, bool Cancelled) Cancel(string id)
    {
        lock (_gate)
        {
            if (Find(id) is not { } batch)
            {
                return (null, false);
            }

            if (Advance(batch).IsTerminal)
            {
                return (BatchJson.Object(batch, withResults: false, core.Options.ReportCost), false);
            }

            foreach (var item in batch.Items)
            {
                batch.Results.Add((JsonNode)BatchJson.ErrorLine(item.CustomId, "batch_cancelled", "The batch was cancelled before this request ran."));
            }

            Finish(batch, "cancelled", failed: batch.Items.Count);
            return (BatchJson.Object(batch, withResults: false, core.Options.ReportCost), true);
        }
    }

    /// <summary>Deletes a finished batch; null when unknown, false when it is still running.</summary>
    public bool? Delete(string id)
    {
        lock (_gate)
        {
            if (Find(id) is not { } batch)
            {
                return null;
            }

            if (!Advance(batch).IsTerminal)
            {
                return false;
            }

            _batches.Remove(batch);
            return true;
        }
    }

    private SimBatch? Find(string id) => _batches.Find(b => b.Id == id);

    private SimBatch Advance(SimBatch batch)
    {
        if (batch.IsTerminal)
        {
            return batch;
        }

        var elapsed = core.Time.GetUtcNow() - batch.CreatedAt;
        var latency = core.Options.BatchLatency;
        if (elapsed < latency)
        {
            batch.Status = elapsed * 2 < latency ? "validating" : "in_progress";
            return batch;
        }

        Process(batch);
        return batch;
    }

    private void Process(SimBatch batch)
    {
        if (batch.Problem is not null || batch.Fault == SimKinds.BatchFailed)
        {
            batch.Error = batch.Problem ?? "Batch validation failed: the provider rejected the batch (simulated).";
            Finish(batch, "failed", failed: 0);
            return;
        }

        // An expiring batch answers its first half and leaves the rest unanswered.
        var answered = batch.Fault == SimKinds.BatchExpired ? batch.Items.Count / 2 : batch.Items.Count;
        var failed = 0;
        for (var i = 0; i < batch.Items.Count; i++)
        {
            var item = batch.Items[i];
            var line = i < answered
                ? Answer(batch, item)
                : BatchJson.ErrorLine(item.CustomId, "batch_expired", "The batch expired before this request ran.");
            failed += line["response"]?["status_code"]?.ToJsonString() == "200" ? 0 : 1;
            batch.Results.Add((JsonNode)line);
        }

        Finish(batch, answered < batch.Items.Count ? "expired" : "completed", failed);
    }

    private JsonObject Answer(SimBatch batch, SimBatchItem item)
    {
        var request = item.Request!;
        core.Stats.ChatArrived(request.SchemaName, request.WebPlugin);
        var kind = core.ChooseKind(SimEndpoints.Chat, request.SchemaName, request.TopicTitle);
        switch (kind)
        {
            case SimKinds.Timeout:
                return BatchJson.ErrorLine(item.CustomId, "request_timeout", "The request timed out before the provider answered.");
            case SimKinds.Reset:
                return BatchJson.ErrorLine(item.CustomId, "server_error", "The upstream connection was reset.");
            case not null when int.TryParse(kind, NumberStyles.None, CultureInfo.InvariantCulture, out var status):
                return BatchJson.ResponseLine(item.CustomId, status, ErrorBodies.OpenRouterFault(status, batch.Model));
        }

        var (body, cost) = chat.Complete(request, chat.NewId(), kind, core.Options.BatchPriceFactor);
        var usage = body["usage"]!;
        batch.PromptTokens += long.Parse(usage["prompt_tokens"]!.ToJsonString(), CultureInfo.InvariantCulture);
        batch.CompletionTokens += long.Parse(usage["completion_tokens"]!.ToJsonString(), CultureInfo.InvariantCulture);
        batch.Cost += cost;
        core.Stats.Bill(SimEndpoints.Batch, cost);

        // A generation that failed midway (finish_reason "error") is billed but delivered nothing: asking again for the
        // answer is not paying twice for it, so only delivered answers count towards max_charged_per_body.
        if (body["choices"]?[0]?["finish_reason"]?.GetValue<string>() != "error")
        {
            core.Stats.Batches.Charged(item.BodyText);
        }
        return BatchJson.ResponseLine(item.CustomId, 200, body);
    }

    private void Finish(SimBatch batch, string status, int failed)
    {
        batch.Status = status;
        batch.Failed = failed;
        batch.Completed = batch.Results.Count - failed;
        batch.FinalizedAt = core.Time.GetUtcNow();
    }
}
