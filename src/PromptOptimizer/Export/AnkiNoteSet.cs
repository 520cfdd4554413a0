namespace PromptOptimizer.Export;

/// <summary>The notes made from a list of topics, plus the cards that could not become notes.</summary>
/// <param name="Topics">Topics that gave at least one note.</param>
internal sealed record AnkiNoteSet(IReadOnlyList<AnkiNote> Notes, int Topics, IReadOnlyList<ExportProblem> Problems)
{
    public static AnkiNoteSet Build(IReadOnlyList<ExportTopic> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var notes = new List<AnkiNote>();
        var problems = new List<ExportProblem>();
        var used = 0;
        foreach (var topic in topics)
        {
            var before = notes.Count;
            foreach (var card in topic.Cards)
            {
                if (AnkiNoteBuilder.TryCreate(topic, card, out var note, out var problem))
                {
                    notes.Add(note);
                }
                else
                {
                    problems.Add(new ExportProblem(topic.FilePath, problem));
                }
            }

            used += notes.Count > before ? 1 : 0;
        }

        return new AnkiNoteSet(notes, used, problems);
    }

    /// <summary>Anki cards: one per Basic note, one per distinct cloze number.</summary>
    public int CardCount => Notes.Sum(n => n.CardOrdinals.Count);
}
