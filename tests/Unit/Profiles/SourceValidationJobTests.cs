using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Jobs;
using ImportPortal.Mappings;
using ImportPortal.Persistence;
using ImportPortal.TestData;
using ImportPortal.Tests.Unit.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Profiles;

/// <summary>The whole-source validation job, against the simulator: it ends done or failed with a cause, never "running" for ever.</summary>
public sealed class SourceValidationJobTests
{
    [Fact]
    public async Task A_ticket_export_is_validated_to_the_end_with_its_counts()
    {
        await using var h = await RunsHarness.StartAsync();
        var validationId = await StartAsync(h);

        await h.Services.GetRequiredService<ValidateSourceJob>().ExecuteAsync(validationId, CancellationToken.None);

        var validation = await LoadAsync(h, validationId);
        Assert.Equal(ValidationState.Done, validation.State);
        var report = StoredJson.Read<ValidationReport>(validation.SummaryJson);
        Assert.Equal(12, report?.Records);
        Assert.Equal(12, report?.Entities[EntityKind.Ticket]);

        // What of the export no field sends is counted, and kept with the report: its due and update times and its source.
        Assert.Equal([("Due by time", 12L), ("Last update time", 12L), ("Source", 12L)], report!.Unsent!.Select(u => (u.Column, u.Count)));
    }

    [Fact]
    public async Task An_account_export_s_spam_and_deleted_tickets_and_notes_are_reported_as_taken_by_no_entity()
    {
        await using var h = await RunsHarness.StartAsync();
        var upload = await h.UploadAsync(Mapping.FreshdeskAccountExportPresetTests.SpamAndTrashExport(), "freshdesk-export.zip");
        var profile = await h.ProfileAsync(FreshdeskAccountExportPreset.Create() with { Name = "Thùng rác" });
        var validationId = await h.Services.GetRequiredService<SourceValidations>().StartAsync("van.hanh", profile, h.SiteId,
            new Dictionary<string, TableBinding> { ["tickets"] = new(upload, "tickets") }, CancellationToken.None);

        await h.Services.GetRequiredService<ValidateSourceJob>().ExecuteAsync(validationId, CancellationToken.None);

        var validation = await LoadAsync(h, validationId);
        Assert.Equal(ValidationState.Done, validation.State);
        var report = StoredJson.Read<ValidationReport>(validation.SummaryJson);
        Assert.Equal([("notes", 4L, 3), (null, 2L, 4)], report!.LeftOut!.Select(l => (l.Child, l.Count, l.Filters.Count)));
        Assert.Equal(2, report.Entities[EntityKind.Ticket]);
    }

    [Fact]
    public async Task An_account_export_whose_file_links_have_expired_says_so_before_the_run()
    {
        await using var origin = await AttachmentOrigin.StartAsync();
        var export = AccountExport.Create(tickets: 30).WithAttachments(origin);
        foreach (var (_, _, file) in export.Attachments)
        {
            origin.Expired[file.Id] = true;
        }

        await using var h = await RunsHarness.StartAsync();
        var profile = await h.AccountExportProfileAsync("Tệp hết hạn");
        var validationId = await h.Services.GetRequiredService<SourceValidations>().StartAsync("van.hanh", profile, h.SiteId,
            await h.UploadAccountExportAsync(export), CancellationToken.None);

        await h.Services.GetRequiredService<ValidateSourceJob>().ExecuteAsync(validationId, CancellationToken.None);

        var validation = await LoadAsync(h, validationId);
        Assert.Equal(ValidationState.Done, validation.State);
        var report = StoredJson.Read<ValidationReport>(validation.SummaryJson)!;
        var expired = report.Problems.Single(p => p.Code == MappingProblemCodes.AttachmentLinkFailed);
        Assert.Equal(ValidationTally.FilesTried, expired.Count);
        Assert.Equal(["file_url", "5", "5", "HTTP 403"], expired.Examples[0].Args);
        Assert.Equal(export.Attachments.Count(), report.Entities[EntityKind.Attachment]);
    }

    [Fact]
    public async Task A_profile_that_no_longer_reads_fails_the_validation_with_its_cause()
    {
        await using var h = await RunsHarness.StartAsync();
        var validationId = await StartAsync(h);
        // As a profile stored by an older portal could be: its definition no longer deserializes.
        await h.InDatabaseAsync(db => db.MappingProfiles.ExecuteUpdateAsync(s => s.SetProperty(p => p.DefinitionJson, """{"name": "Cũ", "entities": 7}""")));

        await h.Services.GetRequiredService<ValidateSourceJob>().ExecuteAsync(validationId, CancellationToken.None);

        var validation = await LoadAsync(h, validationId);
        Assert.Equal(ValidationState.Failed, validation.State);
        Assert.StartsWith("an unexpected error in the portal (JsonException: ", validation.Error, StringComparison.Ordinal);
        Assert.StartsWith("một lỗi ngoài dự kiến trong cổng nhập (JsonException: ", ImportPortal.Runs.PortalTexts.Render(
            ImportPortal.Domain.Migration.PortalTextJson.Read(validation.ErrorText)!, System.Globalization.CultureInfo.GetCultureInfo("vi")), StringComparison.Ordinal);
        Assert.Equal(1, validation.Progress);
    }

    [Fact]
    public async Task A_file_no_reader_takes_fails_the_validation_with_the_files_own_problem_in_each_language()
    {
        await using var h = await RunsHarness.StartAsync();
        var validationId = await StartAsync(h);
        await h.SpoilTheUploadAsync();

        await h.Services.GetRequiredService<ValidateSourceJob>().ExecuteAsync(validationId, CancellationToken.None);

        var validation = await LoadAsync(h, validationId);
        Assert.Equal(ValidationState.Failed, validation.State);
        // Was the problem's debug string ("Error Source.Binary: tickets.csv [...]"); now the sentence the upload page shows.
        Assert.StartsWith("tickets.csv is not a CSV, Excel, JSON or ZIP file", validation.Error, StringComparison.Ordinal);
        Assert.StartsWith("Tệp tickets.csv không phải CSV, Excel, JSON hay ZIP", ImportPortal.Runs.PortalTexts.Render(
            ImportPortal.Domain.Migration.PortalTextJson.Read(validation.ErrorText)!, System.Globalization.CultureInfo.GetCultureInfo("vi")), StringComparison.Ordinal);
    }

    private static async Task<Guid> StartAsync(RunsHarness h)
    {
        var upload = await h.UploadAsync(FreshdeskSampleWriter.TicketCsv(12), "tickets.csv");
        var profile = await h.ProfileAsync(FreshdeskTicketExportPreset.Create() with { Name = "Kiểm tra nguồn" });
        return await h.Services.GetRequiredService<SourceValidations>().StartAsync("van.hanh", profile, h.SiteId,
            new Dictionary<string, TableBinding> { ["tickets"] = new(upload, null) }, CancellationToken.None);
    }

    private static Task<SourceValidation> LoadAsync(RunsHarness h, Guid id) =>
        h.InDatabaseAsync(db => db.SourceValidations.AsNoTracking().FirstAsync(v => v.Id == id));
}
