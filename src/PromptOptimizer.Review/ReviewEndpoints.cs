using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PromptOptimizer.Output;
using static PromptOptimizer.Review.ReviewDocuments;

namespace PromptOptimizer.Review;

/// <summary>The routes: three pages, their embedded assets and a small JSON API (reads are GETs, changes are POSTs).</summary>
internal static class ReviewEndpoints
{
    private const long MaxBodyBytes = 256 * 1024;

    public static void Map(WebApplication app, ReviewSecurity security, RunsReport runs, CardCatalog cards, FailureList failures, PromptReader prompts)
    {
        foreach (var (route, page) in StaticAssets.Pages)
        {
            app.MapGet(route, (RequestDelegate)(context => StaticAssets.Serve(page).ExecuteAsync(context)));
        }

        app.MapGet("/assets/{name}", (RequestDelegate)(context =>
        {
            var name = context.Request.RouteValues["name"] as string ?? "";
            return (StaticAssets.Exists(name) && !name.EndsWith(".html", StringComparison.Ordinal) ? StaticAssets.Serve(name) : Results.NotFound()).ExecuteAsync(context);
        }));

        app.MapGet("/api/session", (RequestDelegate)(context => WriteAsync(context, new Session(security.Csrf), ReviewJsonContext.Default.Session)));
        app.MapGet("/api/runs", (RequestDelegate)(async context =>
            await WriteAsync(context, await runs.BuildAsync(context.RequestAborted).ConfigureAwait(false), ReviewJsonContext.Default.Runs).ConfigureAwait(false)));
        app.MapGet("/api/tree", (RequestDelegate)(async context =>
            await WriteAsync(context, await cards.TreeAsync(context.Request.Query["mode"], context.RequestAborted).ConfigureAwait(false), ReviewJsonContext.Default.Tree).ConfigureAwait(false)));
        app.MapGet("/api/topic", (RequestDelegate)(async context =>
        {
            var (mode, path) = (Mode(context), context.Request.Query["path"].ToString());
            var topic = mode is { } m && path.Length > 0 ? await cards.TopicAsync(m, path, context.RequestAborted).ConfigureAwait(false) : null;
            await (topic is null ? NotFoundAsync(context) : WriteAsync(context, topic, ReviewJsonContext.Default.TopicCards)).ConfigureAwait(false);
        }));
        app.MapGet("/api/search", (RequestDelegate)(async context =>
        {
            var offset = int.TryParse(context.Request.Query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
            var page = await cards.SearchAsync(Mode(context) ?? OutputKind.Flashcards, context.Request.Query["q"].ToString(), offset, context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, page, ReviewJsonContext.Default.SearchPage).ConfigureAwait(false);
        }));
        app.MapPost("/api/review", (RequestDelegate)(async context =>
        {
            var change = await ReadAsync(context, ReviewJsonContext.Default.ReviewChange).ConfigureAwait(false);
            var (result, error) = change is null ? (null, "a JSON body is required") : await cards.ReviewAsync(change, context.RequestAborted).ConfigureAwait(false);
            await (result is null ? BadRequestAsync(context, error!) : WriteAsync(context, result, ReviewJsonContext.Default.ReviewResult)).ConfigureAwait(false);
        }));
        app.MapGet("/api/failures", (RequestDelegate)(async context =>
            await WriteAsync(context, await failures.ListAsync(context.RequestAborted).ConfigureAwait(false), ReviewJsonContext.Default.Failures).ConfigureAwait(false)));
        app.MapPost("/api/retry", (RequestDelegate)(async context =>
        {
            var retry = await ReadAsync(context, ReviewJsonContext.Default.Retry).ConfigureAwait(false);
            var result = retry is null ? null : await failures.RetryAsync(retry, context.RequestAborted).ConfigureAwait(false);
            await (result is null ? BadRequestAsync(context, "mode and topic are required") : WriteAsync(context, result, ReviewJsonContext.Default.RetryResult)).ConfigureAwait(false);
        }));
        app.MapGet("/api/prompt", (RequestDelegate)(async context =>
        {
            var (mode, path) = (Mode(context), context.Request.Query["path"].ToString());
            var prompt = mode is { } m && path.Length > 0 ? await prompts.ReadAsync(m, path, context.RequestAborted).ConfigureAwait(false) : null;
            await (prompt is null ? NotFoundAsync(context) : WriteAsync(context, prompt, ReviewJsonContext.Default.Prompt)).ConfigureAwait(false);
        }));
    }

    private static OutputKind? Mode(HttpContext context) => OutputKinds.TryParse(context.Request.Query["mode"], out var mode) ? mode : null;

    private static Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type) where T : class
    {
        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true || context.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task BadRequestAsync(HttpContext context, string error)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return WriteAsync(context, new Problem(error), ReviewJsonContext.Default.Problem);
    }

    private static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return WriteAsync(context, new Problem("not found"), ReviewJsonContext.Default.Problem);
    }
}
