using PromptOptimizer.Generation;
using PromptOptimizer.Output;
using PromptOptimizer.Research;
using PromptOptimizer.Simulator;
using PromptOptimizer.Tests.Providers;
using PromptOptimizer.Topics;
using PromptOptimizer.Validation;

namespace PromptOptimizer.Tests.Generation;

/// <summary>The generation steps wired to a loopback simulator, as the CLI wires them.</summary>
internal sealed class GenStack : IAsyncDisposable
{
    public const string Title = "Password hashing";

    private GenStack(SimStack sim, GenerationOptions options)
    {
        Sim = sim;
        Options = options;
        Chat = new ValidatedChat(sim.Provider, options);
        Flashcards = new FlashcardGenerator(Chat, options, new FlashcardValidator());
        Prompts = new SystemPromptOptimizer(Chat, options, new PromptValidator(), RubricWeights.Default);
        Researcher = new ExaResearcher(sim.Provider, options.SearchResults);
    }

    public SimStack Sim { get; }

    public ProviderSimulator Simulator => Sim.Simulator;

    public GenerationOptions Options { get; }

    public ValidatedChat Chat { get; }

    public FlashcardGenerator Flashcards { get; }

    public SystemPromptOptimizer Prompts { get; }

    public ExaResearcher Researcher { get; }

    /// <summary>Chat requests the simulator received.</summary>
    public long ChatCalls => Simulator.GetStats().RequestsTo("chat");

    public static async Task<GenStack> StartAsync(GenerationOptions? options = null) =>
        new(await SimStack.StartAsync(SimStack.FastRetries()), options ?? new GenerationOptions());

    public static TopicDefinition Topic(string title = Title, int cardCount = 4) => new(
        "001_security/password_hashing.json", "001_security", "password_hashing", title,
        "Storing passwords safely.", ["bcrypt", "salt", "argon2", "work factor"], "developers", "medium", cardCount, null,
        new string('a', 64));

    public static IReadOnlyList<SourceDocument> Sources() =>
    [
        new("S1", "https://example.org/bcrypt", "Bcrypt explained", "2024-01-02")
        {
            Excerpt = "Bcrypt is an adaptive password hashing function. Its work factor can be raised as hardware gets faster. Each hash embeds its own salt.",
        },
        new("S2", "https://example.org/argon2", "Argon2", null)
        {
            Excerpt = "Argon2 won the Password Hashing Competition in 2015. It is memory-hard, which slows down GPU attacks considerably.",
        },
        new("S3", "https://example.org/salt", null, null)
        {
            Excerpt = "A salt is a random value stored with each hash. Salting defeats precomputed rainbow tables for common passwords.",
        },
    ];

    public TopicPipeline Pipeline(RunVariant variant, bool useWebPlugin, string outputDirectory) =>
        new(variant, useWebPlugin, Researcher, Flashcards, Prompts, Options, new OutputPaths(outputDirectory), TimeProvider.System);

    public ValueTask DisposeAsync() => Sim.DisposeAsync();
}
