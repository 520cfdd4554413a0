namespace PromptOptimizer.Export;

/// <summary>Writes topics in one format to a stream; the caller owns the stream and the atomic rename.</summary>
internal interface IExportWriter
{
    Task<ExportWriteCounts> WriteAsync(IReadOnlyList<ExportTopic> topics, Stream output, CancellationToken cancellationToken);
}
