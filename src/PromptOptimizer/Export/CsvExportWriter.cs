using System.Text;

namespace PromptOptimizer.Export;

/// <summary>RFC 4180 CSV with a header, CRLF line ends, one row per card, plain text (not HTML).</summary>
internal sealed class CsvExportWriter : IExportWriter
{
    public const string Header = "topic,category,card_id,type,front,back,text,tags,difficulty,sources";

    public async Task<ExportWriteCounts> WriteAsync(IReadOnlyList<ExportTopic> topics, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var rows = 0;
        var used = 0;
        var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 65536, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync((Header + "\r\n").AsMemory(), cancellationToken).ConfigureAwait(false);
            foreach (var topic in topics)
            {
                used += topic.Cards.Count > 0 ? 1 : 0;
                foreach (var card in topic.Cards)
                {
                    // Tags may hold spaces, so they are joined with ';'; URLs hold no spaces.
                    var row = DelimitedField.Join(',',
                        topic.Topic.Path, topic.Category, card.Id, card.Type, card.Front, card.Back, card.Text,
                        string.Join(';', card.Tags), card.Difficulty, string.Join(' ', topic.CitedSources(card).Select(s => s.Url)));
                    await writer.WriteAsync((row + "\r\n").AsMemory(), cancellationToken).ConfigureAwait(false);
                    rows++;
                }
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return new ExportWriteCounts(used, rows, rows, 0, []);
    }
}
