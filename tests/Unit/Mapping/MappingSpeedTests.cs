using System.Diagnostics;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.TestData;
using ImportPortal.Tests.Unit.Sources;

namespace ImportPortal.Tests.Unit.Mapping;

/// <summary>Reports mapping throughput for the Freshdesk ticket preset; no timing assertion (it would flake), the bench owns the numbers.</summary>
public sealed class MappingSpeedTests
{
    [Fact]
    public async Task The_ticket_preset_maps_a_generated_export_and_reports_records_per_second()
    {
        var (_, records) = await SourceTestRead.ReadAsync(FreshdeskSampleWriter.TicketCsv(20_000), "tickets.csv");
        var profile = ProfileCompiler.Compile(FreshdeskTicketExportPreset.Create(), MappingSites.Helpdesk122);
        foreach (var record in records.Take(2_000))
        {
            profile.MapRecord("tickets", record);
        }

        var entities = 0;
        var watch = Stopwatch.StartNew();
        foreach (var record in records)
        {
            entities += profile.MapRecord("tickets", record).Count;
        }

        watch.Stop();
        var perSecond = records.Count / watch.Elapsed.TotalSeconds;
        TestContext.Current.TestOutputHelper?.WriteLine($"Freshdesk ticket preset: {records.Count} records, {entities} entities in {watch.ElapsedMilliseconds} ms = {perSecond:N0} records/s");
        Assert.Equal(records.Count * 6, entities);
    }
}
