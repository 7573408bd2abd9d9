namespace ImportPortal.Domain.Sources;

/// <summary>
/// A source opened for reading: one table of an upload (the CSV itself, a sheet, a JSON list, a table of a
/// Freshdesk archive). <see cref="ReadAsync"/> streams its records and may be called again to start over.
/// CSV and XLSX know <see cref="Columns"/> once open; JSON and XML add columns as records reveal them.
/// Warnings go to <see cref="Problems"/>; a fatal problem ends the stream with <see cref="SourceFormatException"/>.
/// </summary>
public interface ISourceReader
{
    SourceFormat Format { get; }

    /// <summary>The sheet, JSON list or archive table being read; empty for a plain CSV or NDJSON file.</summary>
    string Table { get; }

    SourceSchema Columns { get; }

    SourceProblemLog Problems { get; }

    /// <summary>Bytes of the upload consumed so far (compressed bytes for ZIP and XLSX), for progress bars.</summary>
    long BytesRead { get; }

    IAsyncEnumerable<SourceRecord> ReadAsync(CancellationToken ct = default);
}
