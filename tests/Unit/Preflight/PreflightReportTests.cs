using System.Text.Json;
using System.Text.Json.Serialization;
using ImportPortal.Domain.Preflight;

namespace ImportPortal.Tests.Unit.Preflight;

public sealed class PreflightReportTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public void Worst_is_the_highest_severity_and_an_empty_report_is_green()
    {
        Assert.Equal(PreflightSeverity.Green, new PreflightReport(PreflightRun.Now, []).Worst);
        var report = new PreflightReport(PreflightRun.Now, [Line("a", PreflightSeverity.Amber), Line("b", PreflightSeverity.Green)]);

        Assert.Equal(PreflightSeverity.Amber, report.Worst);
        Assert.True(report.CanImport);
        Assert.False(new PreflightReport(PreflightRun.Now, [Line("a", PreflightSeverity.Red)]).CanImport);
    }

    [Fact]
    public async Task A_report_survives_a_round_trip_through_json_with_its_facts()
    {
        var site = PreflightSites.Healthy();
        site.Single("HD Settings")["send_acknowledgement_email"] = 1;
        var report = await PreflightRun.OnAsync(site);

        var read = JsonSerializer.Deserialize<PreflightReport>(JsonSerializer.Serialize(report, Web), Web)!;

        Assert.Equal(report.CheckedAt, read.CheckedAt);
        Assert.Equal(report.Lines.Select(l => (l.CheckId, l.Severity, l.MessageKey, l.AdviceKey)), read.Lines.Select(l => (l.CheckId, l.Severity, l.MessageKey, l.AdviceKey)));
        Assert.Equal(report.Lines.Select(l => string.Join("|", l.MessageArgs)), read.Lines.Select(l => string.Join("|", l.MessageArgs)));
        Assert.Equal(report.Lines.Select(l => l.Facts.ToJsonString()), read.Lines.Select(l => l.Facts.ToJsonString()));
        Assert.False(read.CanImport);
    }

    private static PreflightLine Line(string id, PreflightSeverity severity) => new(id, severity, PreflightKeys.CouldNotCheck, ["x"], null, []);
}
