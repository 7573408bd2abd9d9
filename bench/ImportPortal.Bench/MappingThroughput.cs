using System.Text;
using System.Text.Json.Nodes;
using FrappeSimulator.Hosting;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Sources;
using ImportPortal.TestData;

namespace ImportPortal.Bench;

/// <summary>
/// Records mapped per second by the Freshdesk ticket preset compiled against the simulator's metadata: the rows
/// are read first, so the figure is the mapping alone (each row gives organisation, contact, ticket and first message).
/// </summary>
internal static class MappingThroughput
{
    public static async Task<int> RunAsync(int rows, CancellationToken ct)
    {
        using var file = TempFile.Create(".csv");
        await using (var writer = new StreamWriter(file.OpenWrite(), new UTF8Encoding(true)))
        {
            FreshdeskSampleWriter.WriteTicketCsv(writer, rows);
        }

        var records = await ReadAsync(file.Path, ct);
        var profile = FreshdeskTicketExportPreset.Create();
        var compiled = ProfileCompiler.Compile(profile, await MetasAsync(profile, ct));
        Report.Line("mapping", $"input: {records.Count:N0} Freshdesk ticket rows, preset {FreshdeskTicketExportPreset.Name}, median of {Measure.Runs} runs after {Measure.WarmUps} warm-up, one thread");
        var timed = await Measure.MedianAsync(() => Task.FromResult(MapAll(compiled, records)));
        Report.Line("mapping", $"mapped {Report.Rate(records.Count, timed.Median),10} rows/s  {Report.Rate(timed.Result, timed.Median),10} entities/s  ({timed.Median.TotalMilliseconds:F0} ms, {timed.Result:N0} entities)");
        return 0;
    }

    private static long MapAll(CompiledProfile compiled, List<SourceRecord> records)
    {
        long entities = 0;
        foreach (var record in records)
        {
            entities += compiled.MapRecord("tickets", record).Count;
        }

        return entities;
    }

    internal static async Task<List<SourceRecord>> ReadAsync(string path, CancellationToken ct)
    {
        SourceFormat format;
        await using (var stream = File.OpenRead(path))
        {
            format = await SourceSniffer.SniffAsync(stream, "Tickets.csv", null, ct);
        }

        var reader = await SourceReaderFactory.OpenAsync(format, path, null, ct);
        var records = new List<SourceRecord>();
        await foreach (var record in reader.ReadAsync(ct))
        {
            records.Add(record);
        }

        return records;
    }

    internal static async Task<Dictionary<string, DocTypeMeta>> MetasAsync(MappingProfile profile, CancellationToken ct)
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning }, ct);
        using var http = sim.CreateClient();
        var metas = new Dictionary<string, DocTypeMeta>(StringComparer.Ordinal);
        foreach (var doctype in profile.Entities.Select(profile.DoctypeOf).Distinct(StringComparer.Ordinal))
        {
            var body = JsonNode.Parse(await http.GetStringAsync(new Uri("api/method/frappe.desk.form.load.getdoctype?doctype=" + Uri.EscapeDataString(doctype), UriKind.Relative), ct))!;
            metas[doctype] = DocTypeMeta.FromDocType(body["docs"]!.AsArray().OfType<JsonObject>().First(d => d["name"]?.GetValue<string>() == doctype));
        }

        return metas;
    }
}
