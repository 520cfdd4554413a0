using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PromptOptimizer.Simulator;

/// <summary>
/// OpenRouter's Batch API: <c>POST /batches</c> (202, validating), <c>GET /batches</c> (newest first),
/// <c>GET /batches/{id}</c>, <c>GET /batches/{id}/results</c> (cursor pages), <c>POST /batches/{id}/cancel</c> and
/// <c>DELETE /batches/{id}</c>, under <c>/api/v1</c> (and <c>/api/beta</c>, the path of the beta).
/// </summary>
internal sealed class BatchEndpoint(SimulatorCore core, BatchStore store)
{
    /// <summary>Most requests one batch may hold, as OpenRouter documents.</summary>
    public const int MaxRequests = 5_000;

    /// <summary>Largest submission body, as OpenRouter documents (200 MB).</summary>
    public const long MaxBytes = 200L * 1024 * 1024;

    private const int DefaultPage = 20;
    private const int MaxPage = 1_000;

    public Task SubmitAsync(HttpContext context) => core.RunAsync(context, SimEndpoints.Batch, SubmitAsync);

    public Task GetAsync(HttpContext context) => Run(context, id => store.Get(id, withResults: true) is { } batch ? Ok(context, batch) : UnknownAsync(context, id));

    public Task ListAsync(HttpContext context) => Run(context, _ =>
        Ok(context, store.List(Query(context, "limit", DefaultPage, 1, 100), context.Request.Query["after"].FirstOrDefault())));

    public Task ResultsAsync(HttpContext context) => Run(context, async id =>
    {
        var (page, status) = store.Results(id, Query(context, "cursor", 0, 0, int.MaxValue), Query(context, "limit", MaxPage, 1, MaxPage));
        return page is not null ? await Ok(context, page).ConfigureAwait(false)
            : status is null ? await UnknownAsync(context, id).ConfigureAwait(false)
            : await ErrorAsync(context, 409, $"Batch {id} has not finished (status {status}); results are available once it has.").ConfigureAwait(false);
    });

    public Task CancelAsync(HttpContext context) => Run(context, async id =>
    {
        var (batch, cancelled) = store.Cancel(id);
        return batch is null ? await UnknownAsync(context, id).ConfigureAwait(false)
            : cancelled ? await Ok(context, batch).ConfigureAwait(false)
            : await ErrorAsync(context, 409, $"Batch {id} has already finished (status {batch["status"]}).").ConfigureAwait(false);
    });

    public Task DeleteAsync(HttpContext context) => Run(context, async id => store.Delete(id) switch
    {
        null => await UnknownAsync(context, id).ConfigureAwait(false),
        false => await ErrorAsync(context, 409, $"Batch {id} is still running; only a finished batch can be deleted.").ConfigureAwait(false),
        true => await Ok(context, new JsonObject { ["id"] = id, ["object"] = "batch", ["deletion"] = new JsonObject { ["openrouter"] = "deleted" } }).ConfigureAwait(false),
    });

    private Task Run(HttpContext context, Func<string, Task<RequestOutcome>> answer) =>
        core.RunAsync(context, SimEndpoints.Batch, async (ctx, arrival) =>
        {
            if (!Authorized(ctx))
            {
                return await ErrorAsync(ctx, 401, "No auth credentials found").ConfigureAwait(false);
            }

            // Only scripts reach a Batch API call itself; rate-based faults fall on the requests inside a batch.
            if (await core.TransportFaultAsync(ctx, core.ChooseKind(SimEndpoints.Batch, null, string.Empty, rates: false), BatchFault).ConfigureAwait(false) is { } fault)
            {
                return fault;
            }

            core.Stats.Accept(SimEndpoints.Batch, arrival);
            return await answer(ctx.Request.RouteValues["id"] as string ?? string.Empty).ConfigureAwait(false);
        });

    private async Task<RequestOutcome> SubmitAsync(HttpContext context, long arrival)
    {
        if (!Authorized(context))
        {
            return await ErrorAsync(context, 401, "No auth credentials found").ConfigureAwait(false);
        }

        if (context.Request.ContentLength > MaxBytes)
        {
            return await ErrorAsync(context, 400, $"A batch may be at most {MaxBytes} bytes.").ConfigureAwait(false);
        }

        var body = await SimulatorCore.ReadBodyAsync(context).ConfigureAwait(false);
        if (BatchSubmissionParser.Check(body, MaxRequests) is { } problem)
        {
            return await ErrorAsync(context, 400, problem).ConfigureAwait(false);
        }

        // A script for "batch" may fail this call (a transport kind) or befall the batch (a whole-batch kind); rates
        // draw only the whole-batch kinds here.
        var root = body!.AsObject();
        var kind = core.ChooseKind(SimEndpoints.Batch, ScriptBook.BatchSubmit, BatchSubmissionParser.Titles(root));
        if (await core.TransportFaultAsync(context, kind, BatchFault).ConfigureAwait(false) is { } fault)
        {
            return fault;
        }

        core.Stats.Accept(SimEndpoints.Batch, arrival);
        var batch = BatchSubmissionParser.Build(root, "batch_" + core.Random.NextToken(24), core.Time.GetUtcNow(), kind);
        store.Add(batch);
        await SimulatorCore.WriteJsonAsync(context, 202, BatchJson.Object(batch, withResults: false, core.Options.ReportCost)).ConfigureAwait(false);
        return new RequestOutcome(202);
    }

    private static JsonObject BatchFault(int status) => ErrorBodies.OpenRouterFault(status, "batch");

    private bool Authorized(HttpContext context) => !core.Options.RequireKeys || SimulatorCore.HasBearer(context);

    private static async Task<RequestOutcome> Ok(HttpContext context, JsonObject body)
    {
        await SimulatorCore.WriteJsonAsync(context, 200, body).ConfigureAwait(false);
        return new RequestOutcome(200);
    }

    private static Task<RequestOutcome> UnknownAsync(HttpContext context, string id) => ErrorAsync(context, 404, $"Batch {id} not found.");

    private static async Task<RequestOutcome> ErrorAsync(HttpContext context, int status, string message)
    {
        await SimulatorCore.WriteJsonAsync(context, status, ErrorBodies.OpenRouter(status, message)).ConfigureAwait(false);
        return new RequestOutcome(status);
    }

    private static int Query(HttpContext context, string name, int fallback, int min, int max) =>
        int.TryParse(context.Request.Query[name].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? Math.Clamp(value, min, max)
            : fallback;
}
