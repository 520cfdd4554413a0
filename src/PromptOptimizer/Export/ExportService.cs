namespace PromptOptimizer.Export;

/// <summary>Reads an output directory and writes one export file, atomically (temp file beside the target, then rename).</summary>
internal static class ExportService
{
    /// <param name="reviewed">When given, only the cards review accepted, with their edits (<c>--reviewed accepted</c>).</param>
    public static async Task<ExportResult> ExportAsync(
        ExportOptions options, string outputDirectory, TimeProvider timeProvider, CancellationToken cancellationToken, ReviewedCards? reviewed = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var (topics, problems) = await QualityChecker.ReadAllAsync(new OutputReader(outputDirectory), options.Mode, options.Categories, cancellationToken)
            .ConfigureAwait(false);

        var (skipped, leftByReview) = (0, 0);
        for (var i = 0; reviewed is not null && i < topics.Count; i++)
        {
            (topics[i], var leftOut) = reviewed.Apply(topics[i]);
            leftByReview += leftOut;
        }

        if (options.MinQuality)
        {
            var flagged = QualityChecker.Check(topics).FlaggedCards;
            for (var i = 0; i < topics.Count; i++)
            {
                var kept = topics[i].Cards.Where(c => !flagged.Contains(new CardKey(topics[i].FilePath, c.Id))).ToList();
                skipped += topics[i].Cards.Count - kept.Count;
                topics[i] = topics[i] with { Cards = kept };
            }
        }

        var directory = Path.GetDirectoryName(options.OutPath) ?? throw new ArgumentException("The output path has no directory.", nameof(options));
        Directory.CreateDirectory(directory);
        var writer = CreateWriter(options.Format, timeProvider, directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(options.OutPath)}.{Guid.NewGuid():N}.tmp");
        ExportWriteCounts counts;
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 65536, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                counts = await writer.WriteAsync(topics, stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);

                // The rename must not expose a file whose bytes are still only in the page cache.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, options.OutPath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        problems.AddRange(counts.Problems);
        return new ExportResult(options.Format, options.OutPath, counts.Topics, counts.Notes, counts.Cards, skipped + leftByReview + counts.SkippedCards, problems)
        {
            LeftOutByReview = leftByReview,
        };
    }

    private static IExportWriter CreateWriter(ExportFormat format, TimeProvider timeProvider, string workDirectory) => format switch
    {
        ExportFormat.Apkg => new AnkiPackageWriter(timeProvider, workDirectory),
        ExportFormat.AnkiTsv => new AnkiTextWriter(),
        ExportFormat.Csv => new CsvExportWriter(),
        ExportFormat.Jsonl => new JsonlExportWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
