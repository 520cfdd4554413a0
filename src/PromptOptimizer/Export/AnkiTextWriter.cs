using System.Text;

namespace PromptOptimizer.Export;

/// <summary>
/// Anki 2.1.54+ text import: header lines name the note-type, deck, tags and guid columns, one note per line.
/// Guids and decks are the same as in the package, so either import updates the other's notes.
/// </summary>
internal sealed class AnkiTextWriter : IExportWriter
{
    /// <summary>The header block, each line ending in <c>\n</c>.</summary>
    public const string Header =
        "#separator:tab\n" +
        "#html:true\n" +
        "#notetype column:1\n" +
        "#deck column:2\n" +
        "#tags column:6\n" +
        "#guid column:7\n" +
        "#columns:Notetype\tDeck\tFront\tBack\tSources\tTags\tGUID\n";

    public async Task<ExportWriteCounts> WriteAsync(IReadOnlyList<ExportTopic> topics, Stream output, CancellationToken cancellationToken)
    {
        var set = AnkiNoteSet.Build(topics);
        var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 65536, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync(Header.AsMemory(), cancellationToken).ConfigureAwait(false);
            foreach (var note in set.Notes)
            {
                var line = DelimitedField.Join('\t',
                    note.NoteTypeName, note.Deck, note.Fields[0], note.Fields[1], note.Fields[2], string.Join(' ', note.Tags), note.Guid);
                await writer.WriteAsync((line + "\n").AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return new ExportWriteCounts(set.Topics, set.Notes.Count, set.CardCount, set.Problems.Count, set.Problems);
    }
}
