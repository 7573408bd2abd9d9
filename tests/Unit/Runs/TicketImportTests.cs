using System.Text.Json.Nodes;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A Freshdesk ticket export imported into the simulator through the real run job, database and HTTP client.</summary>
public sealed class TicketImportTests
{
    [Fact]
    public async Task A_ticket_export_lands_with_its_organisations_contacts_tickets_and_first_messages()
    {
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(40));

        await h.ExecuteAsync(runId);

        var records = await h.RecordsAsync(runId);
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.All(records, r => Assert.True(r.State is RecordState.Succeeded, $"{r.Stage} {r.SourceKey}: {r.State} {r.ErrorMessage}"));
        var store = h.Simulator.Store;
        Assert.Equal(40, records.Count(r => r.Stage == RunStage.Tickets));
        Assert.Equal(40, store.Count("HD Ticket"));
        Assert.Empty(store.FindDuplicates("Contact", "email_id"));
    }
}
