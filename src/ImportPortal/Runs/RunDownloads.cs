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
/// The run's downloads as CSV (UTF-8 with BOM, so Excel reads Vietnamese): the failed rows in the source's own
/// columns with the errors beside them, ready to fix and upload again; and the id map (source id to Frappe name).
/// Cells starting with = + - @ are neutralised so a spreadsheet never runs them as formulas.
/// </summary>
public sealed class RunDownloads(IDbContextFactory<PortalDbContext> databases, UploadStore uploads)
{
    public async Task WriteFailedRowsAsync(Guid runId, Stream output, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.AsNoTracking().FirstAsync(r => r.Id == runId, ct);
        var failures = await db.ImportRecords.AsNoTracking()
            .Where(r => r.RunId == runId && r.State == RecordState.Failed)
            .Select(r => new { r.Table, r.Row, r.Entity, r.SourceKey, r.ErrorKind, r.ErrorMessage })
            .ToListAsync(ct);
        var byRow = failures.GroupBy(f => (f.Table, f.Row)).ToDictionary(
            g => g.Key,
            g => string.Join(" | ", g.Select(f => $"{f.Entity} {f.SourceKey}: {f.ErrorKind}: {f.ErrorMessage}")));

        await using var writer = new StreamWriter(output, new UTF8Encoding(true), 64 * 1024, leaveOpen: true);
        var bindings = StoredJson.Read<Dictionary<string, TableBinding>>(run.BindingsJson) ?? [];
        var headerWritten = false;
        foreach (var (table, binding) in bindings)
        {
            var rows = byRow.Keys.Where(k => k.Table == table).Select(k => k.Row).ToHashSet();
            if (rows.Count == 0 || await uploads.FindAsync(binding.UploadId, ct) is not { } upload)
            {
                continue;
            }

            var reader = await SourceReaderFactory.OpenAsync(await uploads.SniffAsync(upload, ct), uploads.PathOf(upload), new SourceReadOptions(Table: binding.Table), ct);
            await foreach (var record in reader.ReadAsync(ct))
            {
                if (!rows.Contains(record.Locator.Row))
                {
                    continue;
                }

                if (!headerWritten)
                {
                    await WriteLineAsync(writer, ["Import table", "Source row", "Import errors", .. record.Schema.Names]);
                    headerWritten = true;
                }

                await WriteLineAsync(writer, [table, record.Locator.Row.ToString(CultureInfo.InvariantCulture), byRow[(table, record.Locator.Row)],
                    .. record.Schema.Names.Select((_, i) => record.Get(i).ToString())]);
            }
        }

        if (!headerWritten)
        {
            await WriteLineAsync(writer, ["Import table", "Source row", "Import errors"]);
        }
    }

    public async Task WriteIdMapAsync(Guid runId, Stream output, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var records = db.ImportRecords.AsNoTracking()
            .Where(r => r.RunId == runId && r.Stage != RunStage.Finalise && r.Stage != RunStage.Memberships && r.FrappeName != null)
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

    /// <summary>A cell a spreadsheet would read as a formula gets a leading apostrophe.</summary>
    public static string Neutralise(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    private static async Task WriteLineAsync(StreamWriter writer, IEnumerable<string> cells)
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
