namespace ImportPortal.Domain.Sources;

/// <summary>
/// Every problem code the source readers can report. Each is a key of <c>SourceResource.resx</c> and
/// <c>SourceResource.vi.resx</c>; the comment gives the order of its Args.
/// </summary>
public static class SourceProblemCodes
{
    /// <summary>Args: file.</summary>
    public const string Empty = "Source.Empty";

    /// <summary>Args: file.</summary>
    public const string Binary = "Source.Binary";

    /// <summary>Args: file.</summary>
    public const string NoRows = "Source.NoRows";

    /// <summary>Args: file, format read.</summary>
    public const string ExtensionMismatch = "Source.ExtensionMismatch";

    /// <summary>Args: file, encoding used.</summary>
    public const string EncodingGuessed = "Source.EncodingGuessed";

    /// <summary>Args: file, encoding asked for.</summary>
    public const string UnknownEncoding = "Source.UnknownEncoding";

    /// <summary>Args: file, row, column.</summary>
    public const string NulRemoved = "Source.NulRemoved";

    /// <summary>Args: file, column count, limit.</summary>
    public const string TooManyColumns = "Source.TooManyColumns";

    /// <summary>Args: file, row, column, limit in characters.</summary>
    public const string CellTruncated = "Source.CellTruncated";

    /// <summary>Args: file, detail.</summary>
    public const string Unreadable = "Source.Unreadable";

    /// <summary>Args: file, row (always 1), column, new name.</summary>
    public const string DuplicateHeader = "Csv.DuplicateHeader";

    /// <summary>Args: file, row (always 1), new name, position.</summary>
    public const string EmptyHeader = "Csv.EmptyHeader";

    /// <summary>Args: file, row, cells in the header, cells in the row.</summary>
    public const string RaggedRow = "Csv.RaggedRow";

    /// <summary>Args: file, row, column.</summary>
    public const string UnclosedQuote = "Csv.UnclosedQuote";

    /// <summary>Args: file, row, column.</summary>
    public const string BadQuote = "Csv.BadQuote";

    /// <summary>Args: file, row, limit in characters.</summary>
    public const string RecordTooLarge = "Csv.RecordTooLarge";

    /// <summary>Args: file, detail.</summary>
    public const string XlsxCorrupt = "Xlsx.Corrupt";

    /// <summary>Args: file.</summary>
    public const string XlsxEncrypted = "Xlsx.Encrypted";

    /// <summary>Args: file, sheet asked for, sheets found.</summary>
    public const string SheetNotFound = "Xlsx.SheetNotFound";

    /// <summary>Args: file, line, byte position in the line.</summary>
    public const string JsonInvalid = "Json.Invalid";

    /// <summary>Args: file, record, limit in MB.</summary>
    public const string JsonRecordTooLarge = "Json.RecordTooLarge";

    /// <summary>Args: file, line, depth limit.</summary>
    public const string JsonTooDeep = "Json.TooDeep";

    /// <summary>Args: file.</summary>
    public const string JsonNotRecords = "Json.NotRecords";

    /// <summary>Args: file, list asked for, lists found.</summary>
    public const string JsonTableNotFound = "Json.TableNotFound";

    /// <summary>Args: file, detail.</summary>
    public const string ZipCorrupt = "Zip.Corrupt";

    /// <summary>Args: file, entry count, limit.</summary>
    public const string ZipTooManyEntries = "Zip.TooManyEntries";

    /// <summary>Args: file, entry, limit in bytes.</summary>
    public const string ZipTooLarge = "Zip.TooLarge";

    /// <summary>Args: file, entry, ratio limit.</summary>
    public const string ZipRatioTooHigh = "Zip.RatioTooHigh";

    /// <summary>Args: file, entry.</summary>
    public const string ZipUnsafeEntryName = "Zip.UnsafeEntryName";

    /// <summary>Args: file.</summary>
    public const string ZipNoFreshdeskFiles = "Zip.NoFreshdeskFiles";

    /// <summary>Args: file, table asked for, tables found.</summary>
    public const string ZipTableNotFound = "Zip.TableNotFound";

    /// <summary>Args: file, entry.</summary>
    public const string XmlDtdProhibited = "Xml.DtdProhibited";

    /// <summary>Args: file, entry, line, position.</summary>
    public const string XmlInvalid = "Xml.Invalid";

    public static IReadOnlyList<string> All { get; } =
    [
        Empty, Binary, NoRows, ExtensionMismatch, EncodingGuessed, UnknownEncoding, NulRemoved, TooManyColumns,
        CellTruncated, Unreadable, DuplicateHeader, EmptyHeader, RaggedRow, UnclosedQuote, BadQuote, RecordTooLarge,
        XlsxCorrupt, XlsxEncrypted, SheetNotFound, JsonInvalid, JsonRecordTooLarge, JsonTooDeep, JsonNotRecords, JsonTableNotFound,
        ZipCorrupt, ZipTooManyEntries, ZipTooLarge, ZipRatioTooHigh, ZipUnsafeEntryName, ZipNoFreshdeskFiles,
        ZipTableNotFound, XmlDtdProhibited, XmlInvalid,
    ];
}
