using System.Globalization;

namespace PromptOptimizer.Simulator;

/// <summary>Rate-based faults drawn per request, e.g. <c>429=0.05,500=0.02,bad-json=0.01</c>.</summary>
internal sealed class FaultSpec
{
    private FaultSpec(IReadOnlyList<FaultRate> rates) => Rates = rates;

    /// <summary>No faults at all.</summary>
    public static FaultSpec None { get; } = new([]);

    public IReadOnlyList<FaultRate> Rates { get; }

    public double TotalRate => Rates.Sum(r => r.Rate);

    /// <summary>Parses <c>kind=rate</c> pairs separated by commas; an empty or blank spec means no faults.</summary>
    /// <exception cref="FormatException">Naming the bad part: unknown kind, rate not in 0..1, duplicate, or sum above 1.</exception>
    public static FaultSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec) || spec.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return None;
        }

        var rates = new List<FaultRate>();
        foreach (var rawPart in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = rawPart.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == rawPart.Length - 1)
            {
                throw new FormatException($"Fault spec part '{rawPart}' is not of the form kind=rate.");
            }

            var kind = rawPart[..eq].Trim().ToLowerInvariant();
            var rateText = rawPart[(eq + 1)..].Trim();
            if (!SimKinds.All.Contains(kind))
            {
                throw new FormatException(
                    $"Fault spec part '{rawPart}' names unknown kind '{kind}'; known kinds: {string.Join(", ", SimKinds.All.Order(StringComparer.Ordinal))}.");
            }

            if (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
                || double.IsNaN(rate) || rate < 0 || rate > 1)
            {
                throw new FormatException($"Fault spec part '{rawPart}' has rate '{rateText}', which is not a number in 0..1.");
            }

            if (rates.Exists(r => r.Kind == kind))
            {
                throw new FormatException($"Fault spec part '{rawPart}' repeats kind '{kind}'.");
            }

            rates.Add(new FaultRate(kind, rate));
        }

        var sum = rates.Sum(r => r.Rate);
        if (sum > 1 + 1e-9)
        {
            throw new FormatException(
                $"Fault spec '{spec}' has rates summing to {sum.ToString("0.###", CultureInfo.InvariantCulture)}, above 1.");
        }

        return new FaultSpec(rates);
    }

    /// <summary>Maps a uniform draw in [0,1) to a kind, or null for a normal answer. A request draws among the
    /// request kinds, a batch at submission among <see cref="SimKinds.BatchLevel"/>; each keeps its own rate.</summary>
    public string? Pick(double draw, bool batchLevel = false)
    {
        var cumulative = 0.0;
        foreach (var rate in Rates.Where(r => SimKinds.BatchLevel.Contains(r.Kind) == batchLevel))
        {
            cumulative += rate.Rate;
            if (draw < cumulative)
            {
                return rate.Kind;
            }
        }

        return null;
    }

    public override string ToString() =>
        Rates.Count == 0
            ? "none"
            : string.Join(",", Rates.Select(r => r.Kind + "=" + r.Rate.ToString(CultureInfo.InvariantCulture)));
}
