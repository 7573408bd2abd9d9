namespace ImportPortal.Domain.Sources;

/// <summary>
/// Where a record sits in the upload, as the operator would find it: the original file name, the 1-based row
/// (for CSV and XLSX the spreadsheet row, header = row 1, so the first data row is 2; for JSON and XML the
/// 1-based record number) and, inside a ZIP, the entry name (display only, never used as a path).
/// </summary>
public sealed record SourceLocator(string File, long Row, string? Entry = null);
