namespace PromptOptimizer.Generation;

/// <summary>Models and limits for the generation steps. Validated once, here.</summary>
internal sealed record GenerationOptions
{
    public GenerationOptions(
        string model = "openai/gpt-4o-mini",
        string? criticModel = null,
        int maxRepairs = 2,
        double minScore = 8,
        int maxRounds = 2,
        int searchResults = 5,
        int flashcardMaxTokens = 4096,
        int promptMaxTokens = 3072,
        double temperature = 0.2)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException("Model must not be empty.", nameof(model));
        }

        if (maxRepairs is < 0 or > 10)
        {
            throw new ArgumentException("MaxRepairs must be between 0 and 10.", nameof(maxRepairs));
        }

        if (minScore is < 1 or > 10)
        {
            throw new ArgumentException("MinScore must be between 1 and 10.", nameof(minScore));
        }

        if (maxRounds is < 0 or > 10)
        {
            throw new ArgumentException("MaxRounds must be between 0 and 10.", nameof(maxRounds));
        }

        if (searchResults is < 1 or > 100)
        {
            throw new ArgumentException("SearchResults must be between 1 and 100.", nameof(searchResults));
        }

        if (flashcardMaxTokens < 256 || promptMaxTokens < 256)
        {
            throw new ArgumentException("MaxTokens must be at least 256.", nameof(flashcardMaxTokens));
        }

        if (temperature is < 0 or > 2)
        {
            throw new ArgumentException("Temperature must be between 0 and 2.", nameof(temperature));
        }

        Model = model;
        CriticModel = string.IsNullOrWhiteSpace(criticModel) ? model : criticModel;
        MaxRepairs = maxRepairs;
        MinScore = minScore;
        MaxRounds = maxRounds;
        SearchResults = searchResults;
        FlashcardMaxTokens = flashcardMaxTokens;
        PromptMaxTokens = promptMaxTokens;
        Temperature = temperature;
    }

    public string Model { get; }

    public string CriticModel { get; }

    /// <summary>How many times a rejected answer is sent back with its validation errors.</summary>
    public int MaxRepairs { get; }

    /// <summary>Revise the system prompt while its weighted score is below this.</summary>
    public double MinScore { get; }

    /// <summary>At most this many revisions after the first draft.</summary>
    public int MaxRounds { get; }

    public int SearchResults { get; }

    public int FlashcardMaxTokens { get; }

    public int PromptMaxTokens { get; }

    public double Temperature { get; }
}
