namespace PromptOptimizer.Simulator;

/// <summary>What the Batch API was given and billed since the last reset; <c>batches</c> in <c>GET /_sim/stats</c>.</summary>
/// <param name="Submitted">Batches accepted (answered 202).</param>
/// <param name="Requests">Requests in those batches.</param>
/// <param name="MaxSubmissionsPerCustomId">The most accepted batches one <c>custom_id</c> was in: above 1, a request was sent again.</param>
/// <param name="MaxChargedPerBody">The most times one identical request body was answered and billed: above 1, money was spent twice
/// (a repair or a later round has a different body). A generation that failed midway (<c>finish_reason: error</c>) delivered
/// no answer and does not count.</param>
internal sealed record BatchStats(long Submitted, long Requests, int MaxSubmissionsPerCustomId, int MaxChargedPerBody)
{
    public static BatchStats Empty { get; } = new(0, 0, 0, 0);
}
