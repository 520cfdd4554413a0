using System.Text;
using System.Text.Json;
using PromptOptimizer.Costs;
using PromptOptimizer.Output;
using PromptOptimizer.Providers;
using PromptOptimizer.Research;
using PromptOptimizer.Topics;

namespace PromptOptimizer.Generation;

/// <summary>
/// One topic from research to a written output file, for one run variant. Research happens once per topic and is
/// shared by every product the variant makes. The file is written atomically; tracking is the caller's business.
/// </summary>
internal sealed class TopicPipeline(
    RunVariant variant,
    bool useWebPlugin,
    ITopicResearcher? researcher,
    FlashcardGenerator flashcards,
    SystemPromptOptimizer prompts,
    GenerationOptions options,
    OutputPaths paths,
    TimeProvider time)
{
    private bool UsesWeb => RunVariants.UsesWebResearch(variant, useWebPlugin);

    public OutputKind Product => RunVariants.ProductOf(variant);

    public string ResearchName => UsesWeb ? "web-plugin" : researcher?.Name ?? "exa";

    public async Task<PipelineResult> RunAsync(TopicDefinition topic, TopicCallLog log, CancellationToken cancellationToken)
    {
        IReadOnlyList<SourceDocument>? sources = null;
        if (!UsesWeb)
        {
            if (researcher is null)
            {
                throw new InvalidOperationException("Direct research needs a researcher (Exa or local sources).");
            }

            var research = await researcher.ResearchAsync(topic, log, cancellationToken).ConfigureAwait(false);
            if (research.Error is { } researchError)
            {
                return new PipelineResult(null, null, researchError);
            }

            sources = research.Value;
        }

        var reference = new TopicReference(topic.Path, topic.Title, topic.ContentHash);
        byte[] json;
        switch (Product)
        {
            case OutputKind.Flashcards:
            {
                var cards = await flashcards.GenerateAsync(topic, sources, log, cancellationToken).ConfigureAwait(false);
                if (cards.Value is not { } set)
                {
                    return new PipelineResult(null, null, cards.Error);
                }

                var document = new FlashcardDocument(reference, "flashcards", ResearchName, options.Model, time.GetUtcNow(), set.Sources, set.Cards,
                    log.Usage(options.SearchResults), log.Attempts.Count);
                json = JsonSerializer.SerializeToUtf8Bytes(document, OutputJsonContext.Default.FlashcardDocument);
                break;
            }

            case OutputKind.Prompts:
            {
                var prompt = await prompts.OptimizeAsync(topic, sources, log, cancellationToken).ConfigureAwait(false);
                if (prompt.Value is not { } best)
                {
                    return new PipelineResult(null, null, prompt.Error);
                }

                var document = new PromptDocument(reference, "prompts", ResearchName, options.Model, options.CriticModel, time.GetUtcNow(),
                    best.Prompt.SystemPrompt, best.Prompt.Score, best.Prompt.Rounds, best.Prompt.RoundScores, best.Sources,
                    log.Usage(options.SearchResults), log.Attempts.Count);
                json = JsonSerializer.SerializeToUtf8Bytes(document, OutputJsonContext.Default.PromptDocument);
                break;
            }

            case OutputKind.Unified:
            {
                // The web plugin researches inside the first call; its citations then ground the prompt steps too.
                var cards = await flashcards.GenerateAsync(topic, sources, log, cancellationToken).ConfigureAwait(false);
                if (cards.Value is not { } set)
                {
                    return new PipelineResult(null, null, cards.Error);
                }

                var prompt = await prompts.OptimizeAsync(topic, set.Sources, log, cancellationToken).ConfigureAwait(false);
                if (prompt.Value is not { } best)
                {
                    return new PipelineResult(null, null, prompt.Error);
                }

                var document = new UnifiedDocument(reference, "unified", ResearchName, options.Model, options.CriticModel, time.GetUtcNow(),
                    set.Sources, best.Prompt, set.Cards, log.Usage(options.SearchResults), log.Attempts.Count);
                json = JsonSerializer.SerializeToUtf8Bytes(document, OutputJsonContext.Default.UnifiedDocument);
                break;
            }

            default:
                throw new InvalidOperationException($"Unknown product {Product}.");
        }

        var path = paths.For(Product, topic.Path);
        try
        {
            paths.EnsureNoLinks(path);
            await AtomicFile.WriteAsync(path, json, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new PipelineResult(null, null, new TopicError(ErrorKind.Io, $"cannot write {path}: {ex.Message}", IsTransient: true, StopsRun: false));
        }

        return new PipelineResult(path, Encoding.UTF8.GetString(json), null);
    }
}
