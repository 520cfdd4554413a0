namespace PromptOptimizer.Export;

/// <summary>One Anki note ready to write, shared by the apkg and anki-tsv writers so both carry the same identity.</summary>
/// <param name="Guid">Stable identity from topic path and card id: re-importing updates the note instead of duplicating it.</param>
/// <param name="Cloze">True for the Cloze note type (fields Text, Back Extra, Sources), else Basic (Front, Back, Sources).</param>
/// <param name="Fields">Field HTML in note-type order.</param>
/// <param name="Tags">Simple tags without spaces or <c>::</c>.</param>
/// <param name="Mod">The document's <c>generated_at</c> in epoch seconds, so a regenerated topic wins on re-import.</param>
/// <param name="CardOrdinals">Template ordinals of the cards: <c>[0]</c> for Basic, <c>N-1</c> per cloze number.</param>
internal sealed record AnkiNote(
    string Guid,
    bool Cloze,
    string Deck,
    IReadOnlyList<string> Fields,
    IReadOnlyList<string> Tags,
    long Mod,
    IReadOnlyList<int> CardOrdinals)
{
    /// <summary>The note type name as the text importer and the package know it.</summary>
    public string NoteTypeName => Cloze ? AnkiNoteTypes.ClozeName : AnkiNoteTypes.BasicName;

    /// <summary>The note type id in the package.</summary>
    public long NoteTypeId => Cloze ? AnkiNoteTypes.ClozeId : AnkiNoteTypes.BasicId;

    /// <summary>Anki's tag column: space separated with a leading and trailing space.</summary>
    public string TagString => Tags.Count == 0 ? "" : " " + string.Join(' ', Tags) + " ";
}
