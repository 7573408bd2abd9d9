using Hangfire;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Sources;
using ImportPortal.Frappe;
using ImportPortal.Mappings;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using ImportPortal.Sites;
using ImportPortal.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ImportPortal.Jobs;

/// <summary>
/// Maps every record of the bound uploads with a profile, as a run would, and counts each kind of problem with
/// example rows, so the operator knows before a run how many records will fail and why. Sends nothing but lookups.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class ValidateSourceJob(
    IDbContextFactory<PortalDbContext> databases,
    MappingProfileStore profiles,
    SiteCatalog sites,
    FrappeSiteClientFactory clients,
    UploadStore uploads,
    ProgressFeed<ValidationProgress> feed,
    IOptions<RunsOptions> runs,
    IHttpClientFactory httpClients,
    TimeProvider time)
{
    public async Task ExecuteAsync(Guid validationId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.SourceValidations.FirstOrDefaultAsync(v => v.Id == validationId, ct) is not { } validation)
        {
            return;
        }

        validation.State = ValidationState.Running;
        await db.SaveChangesAsync(ct);
        try
        {
            var summary = await ValidateAsync(validation, ct);
            validation.SummaryJson = StoredJson.Write(summary);
            validation.State = ValidationState.Done;
        }
        catch (Exception ex) when (ex is FrappeException or SourceFormatException or InvalidOperationException or IOException)
        {
            var (why, text) = PortalFailure.WhyStopped(ex);
            validation.Error = why;
            validation.ErrorText = PortalTextJson.WriteOne(text);
            validation.State = ValidationState.Failed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Anything else (a profile stored by an older portal that no longer reads, a defect): failed with its cause,
            // not "running" for ever.
            var sentence = PortalFailure.Sentence(ex);
            validation.Error = sentence.English;
            validation.ErrorText = PortalTextJson.WriteOne(sentence);
            validation.State = ValidationState.Failed;
        }

        validation.Progress = 1;
        await db.SaveChangesAsync(CancellationToken.None);
        feed.Publish(new ValidationProgress(validation.Id, validation.State, 1));
    }

    private async Task<ValidationReport> ValidateAsync(SourceValidation validation, CancellationToken ct)
    {
        var profile = await profiles.LoadAsync(validation.ProfileId, ct) ?? throw new PortalTextException(new PortalText(RecordTexts.ProfileGone));
        var connection = await sites.ConnectAsync(validation.SiteId, ct) ?? throw new PortalTextException(new PortalText(RecordTexts.SiteGone));
        var site = clients.Create(connection);
        var bindings = StoredJson.Read<Dictionary<string, TableBinding>>(validation.BindingsJson) ?? [];
        var compiled = ProfileCompiler.Compile(profile, await MappingPreview.MetasAsync(profile, site, ct),
            await MappingLookups.BuildAsync(profile, (table, c) => MappingPreview.OpenTableAsync(uploads, bindings, table, c), ct));

        var tally = new ValidationTally(attachments: runs.Value.Attachments);
        var unsent = new UnsentColumns(compiled);
        var done = 0;
        foreach (var (table, binding) in bindings)
        {
            var upload = await uploads.FindAsync(binding.UploadId, ct) ?? throw new PortalTextException(new PortalText(RecordTexts.ProfileUploadGone));
            var reader = await SourceReaderFactory.OpenAsync(await uploads.SniffAsync(upload, ct), uploads.PathOf(upload), new SourceReadOptions(Table: binding.Table), ct);
            var lastReport = time.GetTimestamp();
            await foreach (var record in reader.ReadAsync(ct))
            {
                var row = record.Locator.Row;
                tally.Add(table, row, compiled.MapRecord(table, record, (child, count) => tally.LeftOut(table, child, row, count)));
                unsent.Add(table, row, record);
                if (time.GetElapsedTime(lastReport) > TimeSpan.FromMilliseconds(500))
                {
                    lastReport = time.GetTimestamp();
                    var fraction = (done + Math.Min(1, reader.BytesRead / (double)Math.Max(1, upload.Size))) / bindings.Count;
                    feed.Publish(new ValidationProgress(validation.Id, ValidationState.Running, Math.Min(0.99, fraction)));
                }
            }

            done++;
        }

        // The first files' links are tried too (a few seconds each at most): an export whose links have expired would fail
        // every file.
        var report = await tally.FinishAsync(site, ct, profile, HttpAttachmentSource.From(httpClients, runs.Value, TimeSpan.FromSeconds(20)));
        return report with { Unsent = unsent.Tallies() };
    }
}
