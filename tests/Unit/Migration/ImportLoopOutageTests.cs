using FrappeSimulator.Faults;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using static ImportPortal.Tests.Unit.Migration.HelpdeskEntities;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>
/// A site that stops answering the loop's lookups (restarting, behind a 502) is waited out rather than ending the run;
/// over real HTTP, with the HTTP client's own retries (six tries a read) used up before the loop waits.
/// </summary>
public sealed class ImportLoopOutageTests
{
    private static FaultTarget ContactReads => FaultTarget.ForDoctype("Contact", "GET");

    [Fact]
    public async Task A_site_that_stops_answering_lookups_for_a_while_is_waited_out_and_every_record_lands_once()
    {
        await using var h = await LoopHarness.StartAsync();
        // Nine 502 pages in a row: the first lookup's six tries all meet one, the second's first three.
        var outage = h.Simulator.Faults.Add(new FaultRule(FaultKind.BadGateway, ContactReads) { MaxHits = 9 });
        h.Plan(Contact("c1", "lan@haidang.example"));
        h.Plan(Contact("c2", "tung@haidang.example"));
        var observer = new RecordingObserver();

        Assert.True(await h.RunAsync(observer: observer));

        Assert.Equal(9, h.Simulator.Faults.Hits(outage));
        Assert.All(h.Store.All, r => Assert.Equal((RecordState.Succeeded, RecordResult.Created), (r.State, r.Result)));
        Assert.Equal(2, h.SiteStore.Count("Contact"));
        var waits = observer.Waits.ToList();
        var wait = Assert.Single(waits.OfType<SiteWait>());
        Assert.Contains("502", wait.Reason, StringComparison.Ordinal);
        Assert.True(wait.GivesUpAt > wait.RetryAt, $"{wait}");
        Assert.Null(waits[^1]);
    }

    [Fact]
    public async Task An_outage_longer_than_the_patience_stops_the_run_with_the_sites_error_and_sends_nothing()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Faults.Add(new FaultRule(FaultKind.BadGateway, ContactReads));
        h.Plan(Contact("c1", "lan@haidang.example"));
        var observer = new RecordingObserver();

        var stopped = await Assert.ThrowsAsync<FrappeException>(() =>
            h.RunAsync(LoopHarness.FastOptions with { OutagePatience = TimeSpan.FromMilliseconds(300) }, observer));

        Assert.Equal(FrappeErrorKind.Transient, stopped.Error.Kind);
        Assert.Equal(0, h.Posts("Contact"));
        Assert.NotEmpty(observer.Waits.OfType<SiteWait>());
    }

    [Fact]
    public async Task Pausing_while_the_site_is_waited_for_hands_the_records_back_unsent()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Faults.Add(new FaultRule(FaultKind.BadGateway, ContactReads));
        h.Plan(Contact("c1", "lan@haidang.example"));
        h.Plan(Contact("c2", "tung@haidang.example"));
        var observer = new RecordingObserver { StopWhenWaiting = true };

        Assert.False(await h.RunAsync(observer: observer));

        Assert.All(h.Store.All, r => Assert.Equal(RecordState.Pending, r.State));
        Assert.Equal(0, h.Posts("Contact"));
        Assert.Null(observer.Waits.Last());
    }

    [Fact]
    public async Task A_refused_key_is_not_waited_for_the_run_stops_at_once()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "lan@haidang.example"));
        var observer = new RecordingObserver();
        var wrongKey = h.Frappe.SiteWith(h.Simulator.ApiKey, "sai-" + h.Simulator.ApiSecret);

        var stopped = await Assert.ThrowsAsync<FrappeException>(() => h.RunAsync(observer: observer, site: wrongKey));

        Assert.Equal(FrappeErrorKind.AuthOrPermission, stopped.Error.Kind);
        Assert.Empty(observer.Waits);
        Assert.Equal(0, h.Posts("Contact"));
    }
}
