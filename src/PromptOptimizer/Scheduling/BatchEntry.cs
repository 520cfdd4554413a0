using System.Globalization;
using PromptOptimizer.Tracking;

namespace PromptOptimizer.Scheduling;

/// <summary>
/// A provider batch not yet collected, as <c>completion-status</c> and <c>--checkpoint-status</c> list it; <c>Id</c> is
/// null while only the intent is recorded (the provider may not have accepted it: the next run looks it up by label).
/// </summary>
/// <param name="SubmittedAt">When the batch was recorded, just before it was sent.</param>
internal sealed record BatchEntry(string? Id, string Label, string Status, string Model, int Requests, int Completed, int Failed, double AgeSeconds, DateTimeOffset SubmittedAt)
{
    public static BatchEntry From(RecordedBatch batch, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new BatchEntry(batch.BatchId, batch.Label, batch.Status, batch.Model, batch.Requests, batch.Completed, batch.Failed,
            Math.Round((now - batch.CreatedAt).TotalSeconds), batch.CreatedAt);
    }

    /// <summary>One line: the id (or that only the intent is known), status, model, requests, when submitted and how long ago.</summary>
    public string Describe() => (Id is null
        ? $"intent, not yet accepted ({Label}): {Model}, {Requests} {Noun}, submitted {SubmittedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, {AgeSeconds:0}s ago"
        : (FormattableString)$"{Id}: {Status}, {Model}, {Requests} {Noun} ({Completed} answered, {Failed} failed), submitted {SubmittedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, {AgeSeconds:0}s ago")
        .ToString(CultureInfo.InvariantCulture);

    private string Noun => Requests == 1 ? "request" : "requests";
}
