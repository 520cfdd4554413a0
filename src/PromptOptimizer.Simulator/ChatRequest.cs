namespace PromptOptimizer.Simulator;

/// <summary>The parts of a chat-completions request the simulator reacts to.</summary>
internal sealed record ChatRequest
{
    public required string Model { get; init; }

    /// <summary>response_format.json_schema.name, or null.</summary>
    public string? SchemaName { get; init; }

    public bool WebPlugin { get; init; }

    /// <summary>Web plugin max_results (default 5).</summary>
    public int WebMaxResults { get; init; } = 5;

    public int? MaxTokens { get; init; }

    /// <summary>Characters over all messages, for prompt token counting.</summary>
    public int PromptCharacters { get; init; }

    public required string TopicTitle { get; init; }

    public string Description { get; init; } = string.Empty;

    public IReadOnlyList<string> Keywords { get; init; } = [];

    public IReadOnlyList<SourceExcerpt> Sources { get; init; } = [];

    public int CardCount { get; init; } = 10;

    /// <summary>Text of a &lt;previous_prompt&gt; block (a revision request), or null.</summary>
    public string? PreviousPrompt { get; init; }

    /// <summary>Text of the &lt;prompt_under_review&gt; block, or null.</summary>
    public string? PromptUnderReview { get; init; }

    /// <summary>The last user message, the fallback for anything not found in blocks.</summary>
    public string LastUserText { get; init; } = string.Empty;
}
