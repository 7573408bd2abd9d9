using System.Diagnostics;
using FrappeSimulator.Faults;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Preflight;
using static ImportPortal.Tests.Unit.Migration.HelpdeskEntities;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>A few hundred records through a site that refuses, deadlocks, resets and drops answers: nothing twice, nothing lost.</summary>
public sealed class ImportLoopFaultStormTests
{
    private const int Organisations = 30;
    private const int Contacts = 100;
    private const int Tickets = 100;
    private const int RepliesPerTicket = 2;

    [Fact]
    public async Task A_fault_storm_ends_with_no_duplicates_and_every_record_succeeded_or_failed_with_a_reason()
    {
        await using var h = await LoopHarness.StartAsync(externalIdFields: true);
        PlanAccount(h);
        var faults = h.Simulator.Faults;
        var refusals = new Random(7);
        var refusalGate = new Lock();
        foreach (var doctype in new[] { "HD Customer", "Contact", "HD Ticket", "Communication" })
        {
            // 5% of writes refused with 429 before they run, as Frappe's rate limiter does.
            faults.Rejections.Add(doctype, _ => { lock (refusalGate) { return refusals.NextDouble() < 0.05; } }, "Too many requests", "TooManyRequestsError", 429);
        }

        var deadlocks = faults.AddShare(FaultKind.Deadlock, 0.02);
        var resets = faults.AddShare(FaultKind.ConnectionReset, 0.01);
        var drops = faults.AddShare(FaultKind.CommitThenDrop, 0.01);
        var clock = Stopwatch.StartNew();

        var finished = await h.RunAsync(LoopHarness.FastOptions with { Workers = 16 });

        clock.Stop();
        var records = h.Store.All;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{records.Count} records in {clock.Elapsed.TotalSeconds:0.0} s; {records.Count(r => r.State == RecordState.Failed)} failed; " +
            $"faults: {faults.Hits(deadlocks)} deadlocks, {faults.Hits(resets)} resets, {faults.Hits(drops)} commit-then-drops; {h.SiteStore.Requests.Total} requests");
        Assert.True(finished);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the storm took {clock.Elapsed}");
        Assert.True(faults.Hits(deadlocks) > 0 && faults.Hits(resets) > 0 && faults.Hits(drops) > 0, "the storm did not blow");
        Assert.All(records, r => Assert.True(
            r.State == RecordState.Succeeded || (r.State == RecordState.Failed && !string.IsNullOrWhiteSpace(r.Error?.Message)),
            $"record ended {r}"));
        AssertNoDuplicates(h);
        AssertNothingLost(h, records);
    }

    private static void PlanAccount(LoopHarness h)
    {
        for (var o = 0; o < Organisations; o++)
        {
            h.Plan(Organisation($"o{o}", $"Công ty số {o}"));
        }

        for (var c = 0; c < Contacts; c++)
        {
            h.Plan(Contact($"c{c}", $"khach{c}@example.vn", $"o{c % Organisations}", externalId: true));
        }

        for (var t = 0; t < Tickets; t++)
        {
            var contact = t % Contacts;
            var closed = t % 3 == 0;
            h.Plan(Ticket($"t{t}", $"c{contact}", $"khach{contact}@example.vn", $"o{contact % Organisations}", externalId: true,
                status: closed ? "Closed" : null, resolutionDate: closed ? "2023-04-02 12:00:00" : null, firstRespondedOn: closed ? "2023-04-01 12:00:00" : null));
            for (var r = 1; r <= RepliesPerTicket; r++)
            {
                h.Plan(Reply($"t{t}-r{r}", $"t{t}", $"khach{contact}@example.vn", $"2023-04-01 0{r}:00:00", externalId: true), $"t{t}", r);
            }
        }
    }

    private static void AssertNoDuplicates(LoopHarness h)
    {
        Assert.Empty(h.SiteStore.FindDuplicates("HD Ticket", ExternalIdFields.Fieldname));
        Assert.Empty(h.SiteStore.FindDuplicates("Communication", ExternalIdFields.Fieldname));
        Assert.Empty(h.SiteStore.FindDuplicates("Contact", ExternalIdFields.Fieldname));
        Assert.Empty(h.SiteStore.FindDuplicates("Contact", "email_id"));
        Assert.Empty(h.SiteStore.FindDuplicates("HD Customer", "customer_name"));
    }

    private static void AssertNothingLost(LoopHarness h, IReadOnlyList<PlannedRecord> records)
    {
        foreach (var kind in new[] { EntityKind.Organisation, EntityKind.Contact, EntityKind.Ticket, EntityKind.Reply })
        {
            var created = records.Where(r => r.Stage != RunStage.Finalise && r.Entity.Entity == kind && r.State == RecordState.Succeeded).ToList();
            Assert.Equal(created.Count, h.SiteStore.Count(DoctypeOf(kind)));
            Assert.All(created, r => Assert.NotNull(h.SiteStore.Get(DoctypeOf(kind), r.FrappeName!)));
        }
    }
}
