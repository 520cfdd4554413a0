using System.Runtime.CompilerServices;
using System.Text.Json;
using PromptOptimizer.Output;

namespace PromptOptimizer.Export;

/// <summary>
/// Streams the output documents of one product (<c>&lt;output-dir&gt;/&lt;product&gt;/&lt;category&gt;/&lt;name&gt;.json</c>) in a
/// deterministic order: category, then file name, both ordinal. A broken file becomes a result naming the file and
/// the problem; reading never throws except on cancellation.
/// </summary>
internal sealed class OutputReader
{
    /// <summary>Files larger than this are refused before they are read.</summary>
    public const long MaxFileBytes = 32L * 1024 * 1024;

    private readonly string _root;

    public OutputReader(string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        _root = Path.GetFullPath(outputDirectory);
    }

    /// <summary>Reads every document of <paramref name="kind"/>, lazily and in order.</summary>
    /// <param name="categories">Categories to include; null or empty means all. A named category that does not exist is reported.</param>
    public async IAsyncEnumerable<OutputReadResult> ReadAsync(
        OutputKind kind, IReadOnlyCollection<string>? categories = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = OutputKinds.NameOf(kind);
        var productDirectory = Path.Combine(_root, folder);
        List<string> names;
        try
        {
            names = Directory.Exists(productDirectory)
                ? Directory.EnumerateDirectories(productDirectory).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).ToList()
                : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Reported below as "no outputs found", like a missing folder.
            names = [];
        }

        names.Sort(StringComparer.Ordinal);
        if (names.Count == 0 && categories is not { Count: > 0 })
        {
            yield return Failed(folder, $"no {folder} outputs found in {_root}");
            yield break;
        }

        foreach (var missing in (categories ?? []).Where(c => !names.Contains(c, StringComparer.Ordinal)).Order(StringComparer.Ordinal))
        {
            yield return Failed(folder + "/" + missing, "category not found");
        }

        foreach (var category in names)
        {
            if (categories is { Count: > 0 } && !categories.Contains(category, StringComparer.Ordinal))
            {
                continue;
            }

            List<string> files;
            try
            {
                files = Directory.EnumerateFiles(Path.Combine(productDirectory, category), "*.json").Select(Path.GetFileName).OfType<string>().ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                files = [];
            }

            files.Sort(StringComparer.Ordinal);
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return await ReadFileAsync(kind, category, file, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads one document, <c>&lt;product&gt;/&lt;category&gt;/&lt;file&gt;</c>; both names must be single folder and file names.</summary>
    public async Task<OutputReadResult> ReadFileAsync(OutputKind kind, string category, string file, CancellationToken cancellationToken)
    {
        if (!IsName(category) || !IsName(file))
        {
            return Failed(OutputKinds.NameOf(kind) + "/" + category + "/" + file, "not a file of the output directory");
        }

        var relative = OutputKinds.NameOf(kind) + "/" + category + "/" + file;
        var full = Path.Combine(_root, OutputKinds.NameOf(kind), category, file);
        byte[] bytes;
        try
        {
            var info = new FileInfo(full);
            if (info.Length > MaxFileBytes)
            {
                return Failed(relative, $"file is {info.Length} bytes, larger than the {MaxFileBytes / 1024 / 1024} MiB limit");
            }

            bytes = await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(relative, "cannot read file: " + ex.Message);
        }

        return Parse(kind, category, file, bytes);
    }

    /// <summary>
    /// Reads one document from its bytes as if it were the file <c>&lt;product&gt;/&lt;category&gt;/&lt;file&gt;</c>:
    /// a result a store kept instead of a file (PostgreSQL workers without a shared disk).
    /// </summary>
    public static OutputReadResult Parse(OutputKind kind, string category, string file, ReadOnlySpan<byte> bytes)
    {
        var relative = OutputKinds.NameOf(kind) + "/" + category + "/" + file;
        try
        {
            return kind switch
            {
                OutputKind.Flashcards => FromFlashcards(relative, category, file, JsonSerializer.Deserialize(bytes, OutputJsonContext.Default.FlashcardDocument)),
                OutputKind.Prompts => FromPrompt(relative, category, file, JsonSerializer.Deserialize(bytes, OutputJsonContext.Default.PromptDocument)),
                OutputKind.Unified => FromUnified(relative, category, file, JsonSerializer.Deserialize(bytes, OutputJsonContext.Default.UnifiedDocument)),
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } number ? $" at line {number + 1}" : "";
            return Failed(relative, $"invalid JSON{line}: {FirstSentence(ex.Message)}");
        }
        catch (NotSupportedException ex)
        {
            return Failed(relative, "unsupported JSON: " + FirstSentence(ex.Message));
        }
    }

    private static OutputReadResult FromFlashcards(string relative, string category, string file, FlashcardDocument? document) =>
        document is null
            ? Failed(relative, "file holds JSON null")
            : Build(relative, category, file, document.Topic, document.GeneratedAt, document.Sources, document.Cards, requireCards: true, systemPrompt: null);

    private static OutputReadResult FromPrompt(string relative, string category, string file, PromptDocument? document)
    {
        if (document is null)
        {
            return Failed(relative, "file holds JSON null");
        }

        return string.IsNullOrWhiteSpace(document.SystemPrompt)
            ? Failed(relative, "missing field 'system_prompt'")
            : Build(relative, category, file, document.Topic, document.GeneratedAt, document.Sources, [], requireCards: false, document.SystemPrompt);
    }

    private static OutputReadResult FromUnified(string relative, string category, string file, UnifiedDocument? document) =>
        document is null
            ? Failed(relative, "file holds JSON null")
            : Build(relative, category, file, document.Topic, document.GeneratedAt, document.Sources, document.Cards, requireCards: true,
                string.IsNullOrWhiteSpace(document.Prompt?.SystemPrompt) ? null : document.Prompt.SystemPrompt);

    // The generated deserializer leaves missing properties null even where the records say otherwise; check them here.
    private static OutputReadResult Build(
        string relative, string category, string file, TopicReference? topic, DateTimeOffset generatedAt,
        IReadOnlyList<SourceDocument?>? sources, IReadOnlyList<Flashcard?>? cards, bool requireCards, string? systemPrompt)
    {
        if (topic is null)
        {
            return Failed(relative, "missing field 'topic'");
        }

        if (requireCards && cards is null)
        {
            return Failed(relative, "missing field 'cards'");
        }

        var name = Path.GetFileNameWithoutExtension(file);
        var reference = new TopicReference(
            string.IsNullOrWhiteSpace(topic.Path) ? category + "/" + file : topic.Path,
            string.IsNullOrWhiteSpace(topic.Title) ? name : topic.Title,
            topic.ContentHash ?? "");

        var problems = new List<ExportProblem>();
        var cleanSources = new List<SourceDocument>();
        foreach (var source in sources ?? [])
        {
            if (source is null || string.IsNullOrWhiteSpace(source.Id) || string.IsNullOrWhiteSpace(source.Url))
            {
                problems.Add(new ExportProblem(relative, $"source #{cleanSources.Count + problems.Count + 1} has no id or url; ignored"));
                continue;
            }

            cleanSources.Add(source);
        }

        var cleanCards = new List<Flashcard>();
        var index = 0;
        foreach (var card in cards ?? [])
        {
            index++;
            if (card is null || string.IsNullOrWhiteSpace(card.Id) || string.IsNullOrWhiteSpace(card.Type))
            {
                problems.Add(new ExportProblem(relative, $"card #{index} has no id or type; skipped"));
                continue;
            }

            cleanCards.Add(card with
            {
                Front = card.Front ?? "",
                Back = card.Back ?? "",
                Tags = card.Tags?.Where(t => t is not null).ToList() ?? [],
                Difficulty = card.Difficulty ?? "",
                SourceIds = card.SourceIds?.Where(s => s is not null).ToList() ?? [],
            });
        }

        var exportTopic = new ExportTopic(reference, category, name, relative, cleanSources, cleanCards, systemPrompt, generatedAt);
        return new OutputReadResult(relative, exportTopic, problems);
    }

    private static bool IsName(string name) =>
        !string.IsNullOrWhiteSpace(name) && name is not ("." or "..") && name.AsSpan().IndexOfAny('/', '\\') < 0;

    private static OutputReadResult Failed(string relative, string problem) => new(relative, null, [new ExportProblem(relative, problem)]);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
