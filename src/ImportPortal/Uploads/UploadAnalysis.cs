using ImportPortal.Domain.Sources;

namespace ImportPortal.Uploads;

/// <summary>What profiling found in an upload, stored as JSON with it: one entry per table (one for CSV, several for a Freshdesk ZIP).</summary>
public sealed record UploadAnalysis(double KindScore, IReadOnlyList<TableAnalysis> Tables);

/// <summary>One table of an upload: its rows, its columns' profiles, child records by kind, and headers no rule recognised.</summary>
public sealed record TableAnalysis(
    string Name,
    long Rows,
    IReadOnlyList<ColumnProfile> Columns,
    IReadOnlyDictionary<string, long> ChildRows,
    IReadOnlyList<string> UnrecognisedHeaders);
