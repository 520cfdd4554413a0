namespace PromptOptimizer.Generation;

/// <summary>The topic fields as they appear in the <c>&lt;topic&gt;</c> data block.</summary>
internal sealed record TopicBlock(string Title, string? Description, IReadOnlyList<string> Keywords, string? Audience, string? Difficulty);
