using System.Text.Json;
using PromptOptimizer.Providers;
using PromptOptimizer.Simulator;

namespace PromptOptimizer.Tests.Providers;

public sealed class OpenRouterBatchClientTests
{
    [Fact]
    public void SerializeSubmission_AnyBatch_PutsEndpointAndModelBeforeRequestsAndBodiesAsTheChatCall()
    {
        var submission = BatchSim.Submission(new Dictionary<string, string> { ["run"] = "r1" }, "SQL injection");

        var json = OpenRouterBatchClient.SerializeSubmission(submission);

        Assert.True(json.IndexOf("\"endpoint\"", StringComparison.Ordinal) < json.IndexOf("\"requests\"", StringComparison.Ordinal));
        Assert.True(json.IndexOf("\"model\"", StringComparison.Ordinal) < json.IndexOf("\"requests\"", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("/v1/chat/completions", root.GetProperty("endpoint").GetString());
        Assert.Equal("24h", root.GetProperty("completion_window").GetString());
        Assert.Equal("r1", root.GetProperty("metadata").GetProperty("run").GetString());
        var line = root.GetProperty("requests")[0];
        Assert.Equal("t0-generate-a1", line.GetProperty("custom_id").GetString());
        Assert.Equal(OpenRouterClient.SerializeRequest(submission.Requests[0].Request), line.GetProperty("body").GetRawText());
    }

    [Fact]
    public void SerializeSubmission_NoLabels_SendsNoMetadata()
    {
        var json = OpenRouterBatchClient.SerializeSubmission(BatchSim.Submission(null, "SQL injection"));

        Assert.DoesNotContain("metadata", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_ThenPollAndResults_AnswersEveryCustomIdAtHalfThePrice()
    {
        await using var sim = await BatchSim.StartAsync();
        var submission = BatchSim.Submission(new Dictionary<string, string> { ["po_run"] = "run-7" }, "SQL injection", "Stored XSS", "CSRF tokens");

        var submitted = await sim.Client.SubmitAsync(submission, CancellationToken.None);

        Assert.Null(submitted.Error);
        Assert.Equal("validating", submitted.Value!.Status);
        Assert.Equal(3, submitted.Value.Total);
        Assert.Equal("run-7", submitted.Value.Metadata["po_run"]);
        var done = await sim.UntilTerminalAsync(submitted.Value.Id);
        Assert.Equal("completed", done.Status);
        Assert.Equal((3, 0), (done.Completed, done.Failed));
        Assert.Equal("run-7", done.Metadata["po_run"]);
        var results = await sim.Client.ResultsAsync(done.Id, CancellationToken.None);
        Assert.Null(results.Error);
        Assert.Equal(["t0-generate-a1", "t1-generate-a1", "t2-generate-a1"], results.Value!.Items.Select(i => i.CustomId).Order());
        Assert.All(results.Value.Items, i => Assert.Null(i.Error));
        using (var cards = JsonDocument.Parse(results.Value.Items[0].Completion!.Content!))
        {
            Assert.Equal(4, cards.RootElement.GetProperty("cards").GetArrayLength());
        }

        // The same request answered synchronously costs twice as much.
        var sync = new OpenRouterClient(sim.Http, new ProviderEndpoint(sim.Simulator.OpenRouterBaseUri, BatchSim.Key), SecretRedactor.None);
        var request = submission.Requests[0].Request;
        var direct = await sync.SendAsync(request, OpenRouterClient.SerializeRequest(request), TimeProvider.System, CancellationToken.None);
        Assert.Equal(direct.Value!.Cost, 2 * results.Value.Items.Single(i => i.CustomId == "t0-generate-a1").Completion!.Cost);
        Assert.Equal(results.Value.Items.Sum(i => i.Completion!.Cost), done.Cost);
    }

    [Fact]
    public async Task ListAsync_TwoBatches_NewestFirstWithTheirLabels()
    {
        await using var sim = await BatchSim.StartAsync();
        var first = await sim.Client.SubmitAsync(BatchSim.Submission(new Dictionary<string, string> { ["po_batch"] = "b1" }, "SQL injection"), CancellationToken.None);
        var second = await sim.Client.SubmitAsync(BatchSim.Submission(new Dictionary<string, string> { ["po_batch"] = "b2" }, "Stored XSS"), CancellationToken.None);

        var list = await sim.Client.ListAsync(CancellationToken.None);

        Assert.Null(list.Error);
        Assert.Equal([second.Value!.Id, first.Value!.Id], list.Value!.Batches.Select(b => b.Id));
        Assert.Equal(["b2", "b1"], list.Value.Batches.Select(b => b.Metadata["po_batch"]));
        Assert.All(list.Value.Batches, b => Assert.Equal(BatchSim.Model, b.Model));
    }

    [Fact]
    public async Task ResultsAsync_PerRequestFaults_BecomeErrorsOfThoseItemsOnly()
    {
        await using var sim = await BatchSim.StartAsync();
        sim.Simulator.AddScript(new SimScript("429", 1, TopicContains: "Alpha"));
        sim.Simulator.AddScript(new SimScript("error200", 1, TopicContains: "Beta"));
        sim.Simulator.AddScript(new SimScript("402", 1, TopicContains: "Gamma"));
        sim.Simulator.AddScript(new SimScript("timeout", 1, TopicContains: "Delta"));
        var submitted = await sim.Client.SubmitAsync(BatchSim.Submission(null, "Alpha", "Beta", "Gamma", "Delta", "Epsilon"), CancellationToken.None);

        var done = await sim.UntilTerminalAsync(submitted.Value!.Id);
        var items = (await sim.Client.ResultsAsync(done.Id, CancellationToken.None)).Value!.Items.ToDictionary(i => i.CustomId);

        Assert.Equal("completed", done.Status);
        Assert.Equal((2, 3), (done.Completed, done.Failed));
        Assert.Equal((ErrorKind.RateLimited, true, false), Shape(items["t0-generate-a1"].Error));
        Assert.Equal((ErrorKind.Transient, true, false), Shape(items["t1-generate-a1"].Error));
        Assert.Equal((ErrorKind.Payment, false, true), Shape(items["t2-generate-a1"].Error));
        Assert.Equal((ErrorKind.Timeout, true, false), Shape(items["t3-generate-a1"].Error));
        Assert.NotNull(items["t4-generate-a1"].Completion);
        Assert.Null(items["t4-generate-a1"].Error);
    }

    [Fact]
    public async Task GetAsync_BatchFailedFault_FailedWithReasonAndNoResults()
    {
        await using var sim = await BatchSim.StartAsync();
        sim.Simulator.AddScript(new SimScript("batch-failed", 1, Endpoint: SimEndpoints.Batch));
        var submitted = await sim.Client.SubmitAsync(BatchSim.Submission(null, "SQL injection"), CancellationToken.None);

        var done = await sim.UntilTerminalAsync(submitted.Value!.Id);

        Assert.Equal("failed", done.Status);
        Assert.Contains("validation failed", done.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await sim.Client.ResultsAsync(done.Id, CancellationToken.None)).Value!.Items);
    }

    [Fact]
    public async Task ResultsAsync_BatchExpiredFault_HalfAnsweredRestTransient()
    {
        await using var sim = await BatchSim.StartAsync();
        sim.Simulator.AddScript(new SimScript("batch-expired", 1, Endpoint: SimEndpoints.Batch));
        var submitted = await sim.Client.SubmitAsync(BatchSim.Submission(null, "A1", "A2", "A3", "A4"), CancellationToken.None);

        var done = await sim.UntilTerminalAsync(submitted.Value!.Id);
        var items = (await sim.Client.ResultsAsync(done.Id, CancellationToken.None)).Value!.Items;

        Assert.Equal("expired", done.Status);
        Assert.Equal((2, 2), (done.Completed, done.Failed));
        Assert.Equal(2, items.Count(i => i.Completion is not null));
        Assert.All(items.Where(i => i.Error is not null), i =>
        {
            Assert.Equal((ErrorKind.Timeout, true, false), Shape(i.Error));
            Assert.Contains("batch_expired", i.Error!.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SubmitAsync_EndpointWithoutBatchApi_StopsWithClearErrorNamingTheFlag()
    {
        await using var sim = await BatchSim.StartAsync(basePath: "no-batches/v1");

        var submitted = await sim.Client.SubmitAsync(BatchSim.Submission(null, "SQL injection"), CancellationToken.None);
        var listed = await sim.Client.ListAsync(CancellationToken.None);

        foreach (var error in new[] { submitted.Error!, listed.Error! })
        {
            Assert.Equal((ErrorKind.NotFound, false, true), Shape(error));
            Assert.Contains("has no Batch API", error.Message, StringComparison.Ordinal);
            Assert.Contains("--batch-api", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(BatchSim.Key, error.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetAsync_UnknownBatch_NotFoundThatDoesNotStopTheRun()
    {
        await using var sim = await BatchSim.StartAsync();

        var answer = await sim.Client.GetAsync("batch_nope", CancellationToken.None);

        Assert.Equal((ErrorKind.NotFound, false, false), Shape(answer.Error));
        Assert.Contains("batch_nope", answer.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAndGet_429WithRetryAfter_TransientCarryingRetryAfter()
    {
        await using var sim = await BatchSim.StartAsync();
        sim.Simulator.AddScript(new SimScript("429", 1, Endpoint: SimEndpoints.Batch));

        var refused = await sim.Client.SubmitAsync(BatchSim.Submission(null, "SQL injection"), CancellationToken.None);
        var accepted = await sim.Client.SubmitAsync(BatchSim.Submission(null, "SQL injection"), CancellationToken.None);
        sim.Simulator.AddScript(new SimScript("503", 1, Endpoint: SimEndpoints.Batch));
        var poll = await sim.Client.GetAsync(accepted.Value!.Id, CancellationToken.None);

        Assert.Equal((ErrorKind.RateLimited, true, false), Shape(refused.Error));
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Error!.RetryAfter);
        Assert.Equal((ErrorKind.Transient, true, false), Shape(poll.Error));
        Assert.Equal(TimeSpan.FromSeconds(1), poll.Error!.RetryAfter);
        Assert.Equal(1, sim.Simulator.GetStats().Batches.Submitted);
    }

    [Fact]
    public async Task SubmitAsync_WithoutKey_AccountErrorStopsTheRun()
    {
        await using var sim = await BatchSim.StartAsync(key: null);

        var answer = await sim.Client.SubmitAsync(BatchSim.Submission(null, "SQL injection"), CancellationToken.None);

        Assert.Equal((ErrorKind.Authentication, false, true), Shape(answer.Error));
    }

    [Fact]
    public async Task SubmitAsync_MalformedEnvelope_PermanentBadRequest()
    {
        await using var sim = await BatchSim.StartAsync();

        var answer = await sim.Client.SubmitAsync(new BatchSubmission(BatchSim.Model, [], new Dictionary<string, string>()), CancellationToken.None);

        Assert.Equal((ErrorKind.BadRequest, false, false), Shape(answer.Error));
        Assert.Contains("requests", answer.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAsync_RunningBatch_CancelledAndEveryRequestTransient()
    {
        await using var sim = await BatchSim.StartAsync(new SimulatorOptions { BatchLatency = TimeSpan.FromHours(1) });
        var submitted = await sim.Client.SubmitAsync(BatchSim.Submission(null, "A1", "A2"), CancellationToken.None);

        var cancelled = await sim.Client.CancelAsync(submitted.Value!.Id, CancellationToken.None);
        var items = (await sim.Client.ResultsAsync(submitted.Value.Id, CancellationToken.None)).Value!.Items;

        Assert.Equal("cancelled", cancelled.Value!.Status);
        Assert.True(cancelled.Value.IsTerminal);
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.True(i.Error!.IsTransient));
    }

    private static (ErrorKind, bool Transient, bool StopsRun) Shape(ProviderError? error)
    {
        Assert.NotNull(error);
        return (error.Kind, error.IsTransient, error.StopsRun);
    }
}
