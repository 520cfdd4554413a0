namespace PromptOptimizer.Simulator;

/// <summary>Thread-safe wrapper over one seeded <see cref="Random"/> for latency, faults and ids.</summary>
internal sealed class SeededRandom(int seed)
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private readonly Lock _gate = new();
#pragma warning disable CA5394 // Reproducible simulation, not security.
    private readonly Random _random = new(seed);

    public double NextDouble()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }

    /// <summary>Standard normal draw (Box-Muller).</summary>
    public double NextGaussian()
    {
        lock (_gate)
        {
            var u1 = 1.0 - _random.NextDouble();
            var u2 = _random.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }
    }

    public string NextToken(int length, bool hexOnly = false)
    {
        var alphabet = hexOnly ? "0123456789abcdef" : Alphabet;
        lock (_gate)
        {
            return string.Create(length, (_random, alphabet), static (span, state) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = state.alphabet[state._random.Next(state.alphabet.Length)];
                }
            });
        }
    }
#pragma warning restore CA5394
}
