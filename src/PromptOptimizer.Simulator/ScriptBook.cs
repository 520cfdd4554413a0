namespace PromptOptimizer.Simulator;

/// <summary>Scripts in the order they were added; each match uses up one of its times.</summary>
internal sealed class ScriptBook
{
    /// <summary>The "schema" a batch submission matches scripts with; other batch calls pass null.</summary>
    public const string BatchSubmit = "batch-submit";

    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];

    public void Add(SimScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        lock (_gate)
        {
            _entries.Add(new Entry(script, script.Times));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Takes one use of the first script matching the request, or returns null.</summary>
    public string? TryTake(string endpoint, string? schemaName, string topic)
    {
        lock (_gate)
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                var entry = _entries[i];
                if (!Matches(entry.Script, endpoint, schemaName, topic))
                {
                    continue;
                }

                entry.Remaining--;
                if (entry.Remaining == 0)
                {
                    _entries.RemoveAt(i);
                }

                return entry.Script.Kind;
            }
        }

        return null;
    }

    private static bool Matches(SimScript script, string endpoint, string? schemaName, string topic)
    {
        if (script.Endpoint is not null && script.Endpoint != endpoint)
        {
            return false;
        }

        // Batch calls take only scripts written for them: transport kinds on any call, whole-batch kinds on a submission
        // (whose "schema" is BatchSubmit and whose topic is every title in the batch).
        if (endpoint == SimEndpoints.Batch || SimKinds.BatchLevel.Contains(script.Kind))
        {
            return script.Endpoint == SimEndpoints.Batch
                && (SimKinds.Transport.Contains(script.Kind) || (SimKinds.BatchLevel.Contains(script.Kind) && schemaName == BatchSubmit))
                && (script.TopicContains is null || topic.Contains(script.TopicContains, StringComparison.OrdinalIgnoreCase));
        }

        if (endpoint == SimEndpoints.Search && (SimKinds.IsChatOnly(script.Kind) || script.SchemaName is not null))
        {
            return false;
        }

        // Kinds that only change one kind of answer wait for that kind of request.
        if ((SimKinds.CardLevel.Contains(script.Kind) && schemaName != "flashcards")
            || (script.Kind == SimKinds.LowScore && schemaName != "prompt_critique"))
        {
            return false;
        }

        if (script.SchemaName is not null && !string.Equals(script.SchemaName, schemaName, StringComparison.Ordinal))
        {
            return false;
        }

        return script.TopicContains is null || topic.Contains(script.TopicContains, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class Entry(SimScript script, int remaining)
    {
        public SimScript Script { get; } = script;

        public int Remaining { get; set; } = remaining;
    }
}
