using System.Globalization;
using System.Text;
using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Sources;
using ImportPortal.Mappings;
using ImportPortal.Persistence;
using ImportPortal.Uploads;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Runs;

/// <summary>
/// The run's downloads as CSV (UTF-8 with BOM, so Excel reads Vietnamese): the failed rows of one source table in its
/// own columns with the errors beside them, ready to fix and upload again (one file per table: tickets and contacts
/// have different columns); and the id map (source id to Frappe name). Cells starting with = + - @ are neutralised so a
/// spreadsheet never runs them as formulas.
/// </summary>
public sealed class RunDownloads(IDbContextFactory<PortalDbContext> databases, UploadStore uploads)
{
    /// <summary>The source tables that have failed records, with how many of their rows failed, in the run's table order.</summary>
    public static async Task<IReadOnlyList<FailedTable>> FailedTablesAsync(PortalDbContext db, ImportRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(run);
        var counts = await FailedRowsByTable(db, run.Id).ToDictionaryAsync(g => g.Table, g => g.Rows, ct);
        var order = (StoredJson.Read<Dictionary<string, TableBinding>>(run.BindingsJson) ?? []).Keys.ToList();
        return counts.OrderBy(c => order.IndexOf(c.Key) is var at and >= 0 ? at : int.MaxValue).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new FailedTable(c.Key, c.Value)).ToList();
    }

    /// <summary>How many source rows of each table have a failed record: read from the failed-records index alone.</summary>
    internal static IQueryable<FailedTable> FailedRowsByTable(PortalDbContext db, Guid runId) =>
        db.ImportRecords.AsNoTracking()
            .Where(r => r.RunId == runId && r.State == RecordState.Failed)
            .GroupBy(r => r.Table)
            .Select(g => new FailedTable(g.Key, g.Select(r => r.Row).Distinct().Count()));

    public async Task WriteFailedRowsAsync(Guid runId, string table, Stream output, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.AsNoTracking().FirstAsync(r => r.Id == runId, ct);
        var failures = await db.ImportRecords.AsNoTracking()
            .Where(r => r.RunId == runId && r.State == RecordState.Failed && r.Table == table)
            .Select(r => new { r.Row, r.Entity, r.SourceKey, r.ErrorKind, r.ErrorMessage, r.ErrorText })
            .ToListAsync(ct);
        // The portal's own words in the language of who downloads (the request's), Frappe's words as it sent them.
        var culture = CultureInfo.CurrentUICulture;
        var byRow = failures.GroupBy(f => f.Row).ToDictionary(
            g => g.Key,
            g => string.Join(" | ", g.Select(f =>
                $"{PortalTexts.Word($"Entity.{f.Entity}", culture)} {f.SourceKey}: {(f.ErrorKind is { } kind ? PortalTexts.Word($"Kind.{kind}", culture) : "")}: " +
                PortalTexts.ForReader(f.ErrorText, f.ErrorMessage))));
        string[] columns = [PortalTexts.Word("Download.SourceRow", culture), PortalTexts.Word("Download.ImportErrors", culture)];

        await using var writer = new StreamWriter(output, new UTF8Encoding(true), 64 * 1024, leaveOpen: true);
        var bindings = StoredJson.Read<Dictionary<string, TableBinding>>(run.BindingsJson) ?? [];
        var headerWritten = false;
        if (byRow.Count > 0 && bindings.TryGetValue(table, out var binding) && await uploads.FindAsync(binding.UploadId, ct) is { } upload)
        {
            var reader = await SourceReaderFactory.OpenAsync(await uploads.SniffAsync(upload, ct), uploads.PathOf(upload), new SourceReadOptions(Table: binding.Table), ct);
            await foreach (var record in reader.ReadAsync(ct))
            {
                if (!byRow.TryGetValue(record.Locator.Row, out var errors))
                {
                    continue;
                }

                if (!headerWritten)
                {
                    await WriteLineAsync(writer, [.. columns, .. record.Schema.Names]);
                    headerWritten = true;
                }

                await WriteLineAsync(writer, [record.Locator.Row.ToString(CultureInfo.InvariantCulture), errors, .. record.Schema.Names.Select((_, i) => record.Get(i).ToString())]);
            }
        }

        if (!headerWritten)
        {
            await WriteLineAsync(writer, columns);
        }
    }

    public async Task WriteIdMapAsync(Guid runId, Stream output, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var records = db.ImportRecords.AsNoTracking()
            .Where(r => r.RunId == runId && !RunStages.ChangeOnly.Contains(r.Stage) && r.FrappeName != null)
            .OrderBy(r => r.Stage).ThenBy(r => r.Id)
            .Select(r => new { r.Entity, r.Doctype, r.SourceKey, r.FrappeName, r.State, r.Result })
            .AsAsyncEnumerable();
        await using var writer = new StreamWriter(output, new UTF8Encoding(true), 64 * 1024, leaveOpen: true);
        await WriteLineAsync(writer, ["Entity", "Doctype", "Source id", "Frappe name", "Outcome"]);
        await foreach (var r in records.WithCancellation(ct))
        {
            await WriteLineAsync(writer, [r.Entity.ToString(), r.Doctype, r.SourceKey, r.FrappeName!, r.State == RecordState.Skipped ? "Existing" : r.Result.ToString()]);
        }
    }

    /// <summary>
    /// Every document the last check of the site did not find (the dashboard lists the first 50): what it was, where it
    /// came from, and whether it is gone or a message on no ticket, for the team to go through or keep with the migration.
    /// </summary>
    public async Task WriteMissingAsync(Guid runId, Stream output, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var records = db.ImportRecords.AsNoTracking()
            .Where(r => r.RunId == runId && r.MissingSince != null)
            .OrderBy(r => r.Id)
            .Select(r => new { r.Doctype, r.FrappeName, r.Entity, r.SourceKey, r.Table, r.Row, r.Detached, r.MissingSince })
            .AsAsyncEnumerable();
        await using var writer = new StreamWriter(output, new UTF8Encoding(true), 64 * 1024, leaveOpen: true);
        await WriteLineAsync(writer, ["Doctype", "Frappe name", "Entity", "Source id", "Source table", "Source row", "Found", "Checked at (UTC)"]);
        await foreach (var r in records.WithCancellation(ct))
        {
            await WriteLineAsync(writer,
            [
                r.Doctype, r.FrappeName ?? "", r.Entity.ToString(), r.SourceKey, r.Table, r.Row.ToString(CultureInfo.InvariantCulture),
                r.Detached ? "On no ticket" : "Gone", r.MissingSince!.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ]);
        }
    }

    /// <summary>A file name for a table's failed rows: letters, digits, dots and dashes only.</summary>
    public static string FailedRowsFileName(int runNumber, string table) =>
        $"run-{runNumber}-failed-{new string([.. table.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-')])}.csv";

    /// <summary>A cell a spreadsheet would read as a formula gets a leading apostrophe.</summary>
    public static string Neutralise(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    /// <summary>One CSV line, each cell quoted where it must be and neutralised (<see cref="Neutralise"/>).</summary>
    internal static async Task WriteLineAsync(StreamWriter writer, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                await writer.WriteAsync(',');
            }

            first = false;
            var text = Neutralise(cell);
            if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                await writer.WriteAsync('"');
                await writer.WriteAsync(text.Replace("\"", "\"\"", StringComparison.Ordinal));
                await writer.WriteAsync('"');
            }
            else
            {
                await writer.WriteAsync(text);
            }
        }

        await writer.WriteAsync("\r\n");
    }
}

/// <summary>A source table with failed records, and how many of its rows failed.</summary>
public sealed record FailedTable(string Table, int Rows);
