using System.Globalization;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Sources;
using Microsoft.Data.Sqlite;

namespace ImportPortal.Runs;

/// <summary>
/// What a run that stopped on an error of the portal's own shows as its cause: the database's refusal said plainly
/// (a full disk above all, the likeliest on a migration's tens of millions of rows), anything else by its type and
/// message, for the operator to find in the portal's log.
/// </summary>
public static class PortalFailure
{
    // SQLite's primary result codes (sqlite3.h).
    private const int Full = 13;
    private const int IoError = 10;
    private const int ReadOnly = 8;
    private const int Corrupt = 11;

    /// <summary>The portal's own error as a sentence, shown in the reader's language.</summary>
    public static PortalText Sentence(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (Exception? cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is SqliteException sqlite)
            {
                var detail = $"SQLite {sqlite.SqliteErrorCode}: {sqlite.Message}";
                return new PortalText(sqlite.SqliteErrorCode switch
                {
                    Full => RecordTexts.DatabaseFull,
                    IoError => RecordTexts.DatabaseIo,
                    ReadOnly => RecordTexts.DatabaseReadOnly,
                    Corrupt => RecordTexts.DatabaseCorrupt,
                    _ => RecordTexts.DatabaseRefused,
                }, detail);
            }
        }

        return Persistence.DiskFull.Is(error)
            ? new PortalText(RecordTexts.DiskFull, error.Message)
            : new PortalText(RecordTexts.Unexpected, error.GetType().Name, error.Message);
    }

    /// <summary>
    /// Why a run stopped on an error that is not the portal's own: the site's words (Frappe's message), the source's
    /// problem or the portal's sentence, each with its English.
    /// </summary>
    public static (string English, PortalText? Text) WhyStopped(Exception error) => error switch
    {
        PortalTextException own => (own.Text.English, own.Text),
        SourceFormatException { Problem: { Code.Length: > 0 } problem } => Source(problem),
        FrappeException frappe => (frappe.Error.Summary, null),
        null => throw new ArgumentNullException(nameof(error)),
        _ => (error.Message, null),
    };

    private static (string, PortalText?) Source(SourceProblem problem)
    {
        var text = new PortalText(problem.Code, [.. problem.Args]);
        return (PortalTexts.Render([text], CultureInfo.InvariantCulture), text);
    }
}
