namespace PromptOptimizer.Scheduling;

/// <summary>A provider batch not yet collected, as <c>completion-status</c> lists it; <c>Id</c> is null while only the intent is recorded.</summary>
internal sealed record BatchEntry(string? Id, string Label, string Status, string Model, int Requests, int Completed, int Failed, double AgeSeconds);
