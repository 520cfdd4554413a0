namespace PromptOptimizer.Simulator;

/// <summary>Thread-safe mutable counters behind <see cref="SimulatorStats"/>.</summary>
internal sealed class StatsCollector(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    // 16 bytes a request: a million answered requests since the last reset stay under 20 MB.
    private const int MaxRecordedLatencies = 1_000_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<int, long>> _status = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _peakInFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<long>> _arrivals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<long>> _accepted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _peakArrivals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _peakAccepted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double Sum, long Count)> _latency = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(long Arrival, double Ms)>> _answered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _bySchema = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TopicStats> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _searches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _costByEndpoint = new(StringComparer.Ordinal);
    private readonly BatchCounters _batches = new();
    private int _totalInFlight;
    private int _peakTotal;
    private decimal _cost;
    private long _web;

    /// <summary>Records an arrival; returns its timestamp. Pair with <see cref="Leave"/>.</summary>
    public long Arrive(string endpoint)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            Increment(_requests, endpoint);
            _totalInFlight++;
            _peakTotal = Math.Max(_peakTotal, _totalInFlight);
            var current = _inFlight.GetValueOrDefault(endpoint) + 1;
            _inFlight[endpoint] = current;
            _peakInFlight[endpoint] = Math.Max(_peakInFlight.GetValueOrDefault(endpoint), current);
            TrackWindow(_arrivals, _peakArrivals, endpoint, now);
            return now;
        }
    }

    public void Leave(string endpoint)
    {
        lock (_gate)
        {
            _totalInFlight--;
            _inFlight[endpoint] = _inFlight.GetValueOrDefault(endpoint) - 1;
        }
    }

    /// <summary>Marks an arrival as let through by the rate limiter.</summary>
    public void Accept(string endpoint, long arrival)
    {
        lock (_gate)
        {
            TrackWindow(_accepted, _peakAccepted, endpoint, arrival);
        }
    }

    /// <summary>Records how a request ended; latency only counts for answered requests (status above 0).</summary>
    public void Finish(string endpoint, int status, long arrival, decimal cost = 0m)
    {
        lock (_gate)
        {
            if (!_status.TryGetValue(endpoint, out var byStatus))
            {
                byStatus = [];
                _status[endpoint] = byStatus;
            }

            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            if (status > 0)
            {
                var ms = time.GetElapsedTime(arrival).TotalMilliseconds;
                var (sum, count) = _latency.GetValueOrDefault(endpoint);
                _latency[endpoint] = (sum + ms, count + 1);
                if (!_answered.TryGetValue(endpoint, out var answered))
                {
                    answered = [];
                    _answered[endpoint] = answered;
                }

                if (answered.Count < MaxRecordedLatencies)
                {
                    answered.Add((arrival, ms));
                }
            }

            _cost += cost;
            _costByEndpoint[endpoint] = _costByEndpoint.GetValueOrDefault(endpoint) + cost;
        }
    }

    /// <summary>The Batch API's counters (reset with the rest).</summary>
    public BatchCounters Batches => _batches;

    /// <summary>Adds a cost billed outside a request's own answer: a batch's answers, billed when it is processed.</summary>
    public void Bill(string endpoint, decimal cost)
    {
        lock (_gate)
        {
            _cost += cost;
            _costByEndpoint[endpoint] = _costByEndpoint.GetValueOrDefault(endpoint) + cost;
        }
    }

    public void ChatArrived(string? schemaName, bool webPlugin)
    {
        lock (_gate)
        {
            Increment(_bySchema, schemaName ?? string.Empty);
            if (webPlugin)
            {
                _web++;
            }
        }
    }

    /// <summary>Counts a 200 + stop chat answer for a topic.</summary>
    public void ChatAnswered(string topic, string? schemaName, bool wellFormed, bool webPlugin)
    {
        lock (_gate)
        {
            var stats = _topics.GetValueOrDefault(topic) ?? TopicStats.Empty;
            if (!wellFormed)
            {
                stats = stats with { MalformedAnswers = stats.MalformedAnswers + 1 };
            }
            else
            {
                stats = schemaName switch
                {
                    "flashcards" => stats with { Flashcards = stats.Flashcards + 1 },
                    "prompt_draft" => stats with { PromptDrafts = stats.PromptDrafts + 1 },
                    "prompt_critique" => stats with { PromptCritiques = stats.PromptCritiques + 1 },
                    _ => stats,
                };
            }

            if (webPlugin)
            {
                stats = stats with { WebSearches = stats.WebSearches + 1 };
            }

            _topics[topic] = stats;
        }
    }

    public void SearchAnswered(string query)
    {
        lock (_gate)
        {
            Increment(_searches, query);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _status.Clear();
            _arrivals.Clear();
            _accepted.Clear();
            _peakArrivals.Clear();
            _peakAccepted.Clear();
            _latency.Clear();
            _answered.Clear();
            _bySchema.Clear();
            _topics.Clear();
            _searches.Clear();
            _cost = 0m;
            _costByEndpoint.Clear();
            _web = 0;
            _batches.Reset();

            // Requests still in flight keep counting down, so peaks restart from what is in flight now.
            _peakTotal = _totalInFlight;
            _peakInFlight.Clear();
            foreach (var (endpoint, current) in _inFlight)
            {
                _peakInFlight[endpoint] = current;
            }
        }
    }

    public SimulatorStats Snapshot()
    {
        lock (_gate)
        {
            return new SimulatorStats(
                Requests: new Dictionary<string, long>(_requests, StringComparer.Ordinal),
                StatusCounts: _status.ToDictionary(
                    kv => kv.Key,
                    kv => (IReadOnlyDictionary<int, long>)new Dictionary<int, long>(kv.Value),
                    StringComparer.Ordinal),
                PeakConcurrency: _peakTotal,
                PeakConcurrencyByEndpoint: new Dictionary<string, int>(_peakInFlight, StringComparer.Ordinal),
                PeakRequestsPerSecond: new Dictionary<string, int>(_peakArrivals, StringComparer.Ordinal),
                PeakAcceptedPerSecond: new Dictionary<string, int>(_peakAccepted, StringComparer.Ordinal),
                MeanLatencyMs: _latency.ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.Count, StringComparer.Ordinal),
                TotalCost: _cost,
                CostByEndpoint: new Dictionary<string, decimal>(_costByEndpoint, StringComparer.Ordinal),
                ChatRequestsBySchema: new Dictionary<string, long>(_bySchema, StringComparer.Ordinal),
                WebPluginRequests: _web,
                Topics: MergeSearchesIntoTopics(),
                SearchesByQuery: new Dictionary<string, long>(_searches, StringComparer.Ordinal),
                Batches: _batches.Snapshot());
        }
    }

    /// <summary>
    /// Each answered request's latency in milliseconds, per endpoint, in the order the requests arrived (the first
    /// million since the last reset). The bench replays them through an ideal scheduler: what the same draws allow.
    /// </summary>
    public Dictionary<string, double[]> LatenciesInArrivalOrder()
    {
        lock (_gate)
        {
            return _answered.ToDictionary(
                kv => kv.Key,
                kv => kv.Value.OrderBy(r => r.Arrival).Select(r => r.Ms).ToArray(),
                StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// When each answered request arrived, in milliseconds after the first of its endpoint, per endpoint and in order
    /// (the same first million as <see cref="LatenciesInArrivalOrder"/>). The bench reads the rate the provider saw, and
    /// how close any second came to its limit, from them.
    /// </summary>
    public Dictionary<string, double[]> ArrivalOffsets()
    {
        lock (_gate)
        {
            return _answered.ToDictionary(
                kv => kv.Key,
                kv =>
                {
                    var arrivals = kv.Value.Select(r => r.Arrival).Order().ToArray();
                    return arrivals.Select(a => time.GetElapsedTime(arrivals[0], a).TotalMilliseconds).ToArray();
                },
                StringComparer.Ordinal);
        }
    }

    private Dictionary<string, TopicStats> MergeSearchesIntoTopics()
    {
        var topics = new Dictionary<string, TopicStats>(_topics, StringComparer.Ordinal);

        // Longest title first so "SQL injection basics" wins over "SQL injection" for its own queries.
        var titles = _topics.Keys.OrderByDescending(t => t.Length).ToList();
        foreach (var (query, count) in _searches)
        {
            var owner = titles.Find(t => t.Length > 0 && query.StartsWith(t, StringComparison.OrdinalIgnoreCase)) ?? query;
            var stats = topics.GetValueOrDefault(owner) ?? TopicStats.Empty;
            topics[owner] = stats with { Searches = stats.Searches + (int)count };
        }

        return topics;
    }

    private void TrackWindow(Dictionary<string, Queue<long>> windows, Dictionary<string, int> peaks, string endpoint, long now)
    {
        if (!windows.TryGetValue(endpoint, out var queue))
        {
            queue = new Queue<long>();
            windows[endpoint] = queue;
        }

        while (queue.Count > 0 && time.GetElapsedTime(queue.Peek(), now) >= Window)
        {
            queue.Dequeue();
        }

        queue.Enqueue(now);
        peaks[endpoint] = Math.Max(peaks.GetValueOrDefault(endpoint), queue.Count);
    }

    private static void Increment(Dictionary<string, long> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
