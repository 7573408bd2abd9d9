namespace ImportPortal.Uploads;

/// <summary>A file an operator uploaded: stored under a random name in the data folder, identified by its SHA-256.</summary>
public sealed class Upload
{
    public Guid Id { get; set; }

    /// <summary>The name the operator's computer gave the file: only ever displayed, never used as a path.</summary>
    public required string OriginalName { get; set; }

    /// <summary>The random file name under the uploads folder.</summary>
    public required string StoredName { get; set; }

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of the content; the same file uploaded twice is recognised by it.</summary>
    public required string Sha256 { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>What the content is (Csv, Xlsx, Json, Ndjson, Zip...), sniffed from the bytes, not the extension.</summary>
    public string? Format { get; set; }

    /// <summary>What kind of export it is (Freshdesk ticket export, contacts, account export, generic...).</summary>
    public string? Kind { get; set; }

    public string? Encoding { get; set; }

    /// <summary>The operator's choice when detection got the encoding wrong; null lets the sniffer decide.</summary>
    public string? EncodingOverride { get; set; }

    /// <summary>The operator's choice of delimiter (",", ";", "	", "|"); null lets the sniffer decide.</summary>
    public string? DelimiterOverride { get; set; }

    public string? Delimiter { get; set; }

    public long? RowCount { get; set; }

    public UploadState State { get; set; }

    /// <summary>Profiling progress, 0 to 1, while <see cref="State"/> is Profiling.</summary>
    public double Progress { get; set; }

    /// <summary>Columns with their profile (JSON), once profiled.</summary>
    public string? ProfileJson { get; set; }

    /// <summary>Warnings and the error that stopped reading, as JSON problems.</summary>
    public string? ProblemsJson { get; set; }
}
