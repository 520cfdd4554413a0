using System.Text.Json;
using PromptOptimizer.Output;
using static PromptOptimizer.Review.ReviewDocuments;

namespace PromptOptimizer.Review;

/// <summary>A topic's optimized system prompt (prompts or unified output) with every round's rubric scores and the critic's weaknesses.</summary>
internal sealed class PromptReader(CardIndex index)
{
    public async Task<Prompt?> ReadAsync(OutputKind mode, string topicPath, CancellationToken cancellationToken)
    {
        if (mode == OutputKind.Flashcards)
        {
            return null;
        }

        if (await index.TopicAsync(mode, topicPath, cancellationToken).ConfigureAwait(false) is not { Problem: null } indexed)
        {
            return null;
        }

        if (await index.ReadBytesAsync(indexed, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return null;
        }

        try
        {
            var result = mode == OutputKind.Prompts
                ? JsonSerializer.Deserialize(bytes, OutputJsonContext.Default.PromptDocument) is { } p ? new PromptResult(p.SystemPrompt, p.Score, p.Rounds, p.RoundScores) : null
                : JsonSerializer.Deserialize(bytes, OutputJsonContext.Default.UnifiedDocument)?.Prompt;
            return result is null ? null : new Prompt(OutputKinds.NameOf(mode), topicPath, indexed.Title, result.SystemPrompt ?? "", result.Score,
                (result.RoundScores ?? []).Where(r => r is not null).Select(r => new PromptRoundView(r.Round, r.Score, r.Scores?.Grounding ?? 0, r.Scores?.Coverage ?? 0,
                    r.Scores?.Clarity ?? 0, r.Scores?.Safety ?? 0, r.Scores?.Format ?? 0, r.Weaknesses ?? [], r.SystemPrompt ?? "")).ToList());
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
