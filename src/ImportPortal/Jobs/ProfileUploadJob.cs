using Hangfire;
using ImportPortal.Domain.Sources;
using ImportPortal.Persistence;
using ImportPortal.Uploads;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Jobs;

/// <summary>
/// Reads an upload end to end in the background: what it is (sniffed from its bytes), what kind of export
/// (recognised from its headers), and a profile of every column; progress goes to open pages as it reads.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed partial class ProfileUploadJob(
    IDbContextFactory<PortalDbContext> databases,
    UploadStore store,
    ProgressFeed<UploadProgress> feed,
    TimeProvider time,
    ILogger<ProfileUploadJob> logger)
{
    public async Task ExecuteAsync(Guid uploadId, CancellationToken ct)
    {
        if (await store.FindAsync(uploadId, ct) is not { } upload)
        {
            return;
        }

        await SaveAsync(uploadId, u => { u.State = UploadState.Profiling; u.Progress = 0; }, ct);
        var problems = new List<SourceProblem>();
        try
        {
            var format = await store.SniffAsync(upload, ct);
            problems.AddRange(format.Problems);
            if (format.Error is not null)
            {
                await FinishAsync(uploadId, format, null, null, problems, ct);
                return;
            }

            var (analysis, kind) = await AnalyseAsync(upload, format, problems, ct);
            await FinishAsync(uploadId, format, analysis, kind, problems, ct);
        }
        catch (SourceFormatException ex)
        {
            problems.Add(ex.Problem);
            await SaveAsync(uploadId, u => Unreadable(u, problems), ct);
        }
#pragma warning disable CA1031 // An unreadable upload is a state the operator sees, not a crash of the job server.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogUnexpected(logger, ex, uploadId);
            problems.Add(new SourceProblem(SourceProblemCodes.Unreadable, upload.OriginalName, null, null, [upload.OriginalName, ex.Message], ProblemSeverity.Error));
            await SaveAsync(uploadId, u => Unreadable(u, problems), ct);
        }
    }

    private async Task<(UploadAnalysis Analysis, SourceRecognition Kind)> AnalyseAsync(Upload upload, SourceFormat format, List<SourceProblem> problems, CancellationToken ct)
    {
        // A Freshdesk archive and a workbook hold several tables; everything else is one.
        var tables = await SourceReaderFactory.TablesAsync(format, store.PathOf(upload), null, ct);
        var results = new List<TableAnalysis>();
        SourceRecognition? kind = null;
        for (var i = 0; i < tables.Count; i++)
        {
            var reader = await SourceReaderFactory.OpenAsync(format, store.PathOf(upload), new SourceReadOptions(Table: tables[i]), ct);
            if (i > 0 && reader.Columns.Count == 0 && format.Kind is SourceFileKind.Xlsx or SourceFileKind.Xls)
            {
                // A workbook's empty sheet (Sheet2, Sheet3) is no table.
                continue;
            }

            var progress = new ThrottledProgress(bytes => Report(upload, (i + (bytes / (double)Math.Max(1, upload.Size))) / tables.Count), time);
            var profile = await SourceProfiler.ProfileAsync(reader, progress, ct);
            problems.AddRange(profile.Problems);
            var recognition = SourceRecognizer.Recognize(format, reader.Columns.Names);
            kind ??= recognition;
            results.Add(new TableAnalysis(reader.Table, profile.Rows, profile.Columns, profile.ChildRows, recognition.UnrecognisedHeaders));
        }

        return (new UploadAnalysis(kind!.Score, results), kind);
    }

    private void Report(Upload upload, double fraction)
    {
        // Only open pages hear of intermediate progress; the database keeps the state (Profiling, then Ready or Unreadable).
        feed.Publish(new UploadProgress(upload.Id, UploadState.Profiling, Math.Clamp(fraction, 0, 0.99)));
    }

    private Task FinishAsync(Guid id, SourceFormat format, UploadAnalysis? analysis, SourceRecognition? kind, List<SourceProblem> problems, CancellationToken ct) =>
        SaveAsync(id, u =>
        {
            u.Format = format.Kind.ToString();
            u.Encoding = format.EncodingName;
            u.Delimiter = format.Delimiter?.ToString();
            if (analysis is null || kind is null)
            {
                Unreadable(u, problems);
                return;
            }

            u.Kind = kind.Kind.ToString();
            u.RowCount = analysis.Tables[0].Rows;
            u.ProfileJson = StoredJson.Write(analysis);
            u.ProblemsJson = StoredJson.Write(problems.Take(500).ToList());
            u.State = UploadState.Ready;
            u.Progress = 1;
        }, ct);

    private static void Unreadable(Upload u, List<SourceProblem> problems)
    {
        u.State = UploadState.Unreadable;
        u.Progress = 1;
        u.ProblemsJson = StoredJson.Write(problems.Take(500).ToList());
    }

    private async Task SaveAsync(Guid id, Action<Upload> change, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.Uploads.FirstOrDefaultAsync(u => u.Id == id, ct) is not { } upload)
        {
            return;
        }

        change(upload);
        await db.SaveChangesAsync(ct);
        if (upload.State != UploadState.Profiling)
        {
            feed.Publish(new UploadProgress(id, upload.State, upload.Progress));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Profiling upload {UploadId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception ex, Guid uploadId);

    /// <summary>Passes progress on at most twice a second.</summary>
    private sealed class ThrottledProgress(Action<long> report, TimeProvider time) : IProgress<long>
    {
        private long _last;

        public void Report(long value)
        {
            var now = time.GetTimestamp();
            if (time.GetElapsedTime(Interlocked.Read(ref _last), now) >= TimeSpan.FromMilliseconds(500))
            {
                Interlocked.Exchange(ref _last, now);
                report(value);
            }
        }
    }
}
