using System.Text.Json;

namespace PromptOptimizer.Providers;

/// <summary>
/// Prices for estimates only (plans, budgets, endpoints that report no cost). The real cost of a call always comes
/// from the provider (<c>usage.cost</c>, <c>costDollars.total</c>). Prices change: the user can override them with a
/// JSON file.
/// </summary>
internal sealed class PriceTable
{
    private readonly Dictionary<string, ModelPrice> _models;

    public PriceTable(IReadOnlyDictionary<string, ModelPrice>? models = null, decimal webSearchBase = 0.007m, decimal webExtraResult = 0.001m, decimal exaSearch = 0.007m, ModelPrice? fallback = null)
    {
        _models = new Dictionary<string, ModelPrice>(models ?? DefaultModels, StringComparer.OrdinalIgnoreCase);
        WebSearchBase = webSearchBase;
        WebExtraResult = webExtraResult;
        ExaSearch = exaSearch;
        Fallback = fallback ?? new ModelPrice(0.000001m, 0.000003m);
    }

    /// <summary>Known models (USD per token), late 2026 list prices.</summary>
    public static IReadOnlyDictionary<string, ModelPrice> DefaultModels { get; } = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase)
    {
        ["openai/gpt-4o-mini"] = new(0.00000015m, 0.0000006m),
        ["openai/gpt-4o"] = new(0.0000025m, 0.00001m),
        ["anthropic/claude-3.5-haiku"] = new(0.0000008m, 0.000004m),
        ["anthropic/claude-sonnet-4"] = new(0.000003m, 0.000015m),
        ["deepseek/deepseek-chat"] = new(0.00000027m, 0.0000011m),
        ["google/gemini-2.5-flash"] = new(0.0000003m, 0.0000025m),
    };

    public static PriceTable Default { get; } = new();

    /// <summary>Web plugin fee per request, covering up to 10 results.</summary>
    public decimal WebSearchBase { get; }

    /// <summary>Web plugin fee per result beyond 10.</summary>
    public decimal WebExtraResult { get; }

    /// <summary>One Exa search with text and highlights.</summary>
    public decimal ExaSearch { get; }

    /// <summary>Used for models the table does not know (an estimate is better than claiming $0).</summary>
    public ModelPrice Fallback { get; }

    public ModelPrice PriceOf(string model) => _models.TryGetValue(model.Split(':')[0], out var price) ? price : Fallback;

    public decimal Estimate(string model, long promptTokens, long completionTokens)
    {
        var price = PriceOf(model);
        return (promptTokens * price.PromptPerToken) + (completionTokens * price.CompletionPerToken);
    }

    public decimal WebSearchFee(int results) => WebSearchBase + (Math.Max(0, results - 10) * WebExtraResult);

    /// <summary>
    /// The table a run uses: <paramref name="file"/> (<c>--prices</c>) when given, else <paramref name="configPrices"/> (the
    /// configuration file's <c>prices</c> section, named <paramref name="configSource"/> in errors), else the built-in one;
    /// or why it cannot be read.
    /// </summary>
    public static (PriceTable? Prices, string? Error) Load(string? file, JsonElement? configPrices, string configSource)
    {
        try
        {
            if (file is null)
            {
                return (configPrices is { } section ? Parse(section, configSource) : Default, null);
            }

            using var document = JsonDocument.Parse(File.ReadAllText(file));
            return (Parse(document.RootElement, file), null);
        }
        catch (Exception ex) when (ex is IOException or FormatException or JsonException or UnauthorizedAccessException)
        {
            return (null, $"cannot read --prices: {ex.Message}");
        }
    }

    /// <summary>
    /// Reads an override file: <c>{"models":{"id":{"prompt":usd_per_token,"completion":usd_per_token}},
    /// "web_search":0.007,"web_extra_result":0.001,"exa_search":0.007}</c>. Unknown keys are errors naming the key.
    /// </summary>
    public static PriceTable Parse(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{source}: prices must be a JSON object");
        }

        var models = new Dictionary<string, ModelPrice>(DefaultModels, StringComparer.OrdinalIgnoreCase);
        decimal web = 0.007m, extra = 0.001m, exa = 0.007m;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "models":
                    foreach (var model in property.Value.EnumerateObject())
                    {
                        models[model.Name] = new ModelPrice(
                            ReadPrice(model.Value, "prompt", $"{source}: prices.models.{model.Name}"),
                            ReadPrice(model.Value, "completion", $"{source}: prices.models.{model.Name}"));
                    }

                    break;
                case "web_search":
                    web = ReadNumber(property.Value, $"{source}: prices.web_search");
                    break;
                case "web_extra_result":
                    extra = ReadNumber(property.Value, $"{source}: prices.web_extra_result");
                    break;
                case "exa_search":
                    exa = ReadNumber(property.Value, $"{source}: prices.exa_search");
                    break;
                default:
                    throw new FormatException($"{source}: unknown key 'prices.{property.Name}'");
            }
        }

        return new PriceTable(models, web, extra, exa);
    }

    private static decimal ReadPrice(JsonElement model, string name, string where)
    {
        if (model.ValueKind != JsonValueKind.Object || !model.TryGetProperty(name, out var value))
        {
            throw new FormatException($"{where}: missing '{name}' (USD per token)");
        }

        return ReadNumber(value, $"{where}.{name}");
    }

    private static decimal ReadNumber(JsonElement value, string where)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || number < 0)
        {
            throw new FormatException($"{where}: must be a non-negative number");
        }

        return number;
    }
}
