using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Mappings;
using ImportPortal.Tests.Unit.Components.Runs;
using ImportPortal.Runs;
using ImportPortal.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A run the site's last test says must not start is refused by the service too, not only by the page's button.</summary>
public sealed class BlockedStartTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task A_loud_run_on_a_site_that_would_mail_every_customer_is_refused_and_a_quiet_or_dry_one_starts()
    {
        await using var h = await RunsHarness.StartAsync();
        await h.SetAcknowledgementMailsAsync(on: true);

        var upload = await h.UploadAsync(RejectedTicketCsv.Create(3, "Bình thường"), "tickets.csv");
        var profile = await h.ProfileAsync(FreshdeskTicketExportPreset.Create() with { Name = "Phiếu trên trang ồn ào" });
        var bindings = new Dictionary<string, TableBinding> { ["tickets"] = new(upload, null) };
        Task<RunCommandResult> StartAsync(RunOptions options) =>
            h.Runs.StartAsync("van.hanh", new StartRunRequest(h.SiteId, profile, bindings, options), Ct);

        // Not tested yet: nothing to go by, the run starts (the page says the site was never tested).
        Assert.NotNull((await StartAsync(new RunOptions { KeepQuiet = false, DryRun = true })).RunId);
        await h.Services.GetRequiredService<SitePreflight>().RunAsync(h.SiteId, Ct);

        var loud = await StartAsync(new RunOptions { KeepQuiet = false });
        var quiet = await StartAsync(new RunOptions { KeepQuiet = true });
        var dry = await StartAsync(new RunOptions { KeepQuiet = false, DryRun = true });
        // Organisations and contacts alone meet no ticket's acknowledgement.
        var contacts = await StartAsync(new RunOptions { KeepQuiet = false, Stages = [Domain.Migration.RunStage.Organisations, Domain.Migration.RunStage.Contacts] });

        Assert.Null(loud.RunId);
        Assert.Equal("Runs.SiteBlocked", loud.ErrorKey);
        Assert.NotNull(quiet.RunId);
        Assert.NotNull(dry.RunId);
        Assert.NotNull(contacts.RunId);
        Assert.Equal(4, await h.InDatabaseAsync(db => db.ImportRuns.CountAsync()));
    }
}
