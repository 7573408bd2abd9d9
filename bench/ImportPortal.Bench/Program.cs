using ImportPortal.Bench;

// Benchmarks whose figures go into the README. Build, then run in Release:
//   dotnet build bench/ImportPortal.Bench -c Release
//   dotnet run -c Release --no-build --project bench/ImportPortal.Bench -- <scenario> [options]
// Generated inputs go to the temp folder and are deleted afterwards; each scenario stops after 15 minutes.
var scenario = args.FirstOrDefault() ?? "help";
var options = BenchOptions.Parse(args.Skip(1).ToArray());
if (scenario is not ("simulator" or "import" or "migration" or "client" or "csv" or "xlsx" or "zip" or "memory" or "mapping" or "store" or "files" or "removal" or "causes" or "all"))
{
    return Usage();
}

using var allocations = options.Allocations ? new AllocationSampler() : null;
Report.Machine();
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
var ct = timeout.Token;
var exitCode = scenario switch
{
    "simulator" => await SimulatorThroughput.RunAsync(options),
    "import" => await ImportThroughput.RunAsync(options, args, ct),
    "migration" => await MigrationScale.RunAsync(options.Tickets ?? 30_000, options.Rows ?? 10, ct),
    "client" => await ClientOverhead.RunAsync(options, args, ct),
    "csv" => await CsvThroughput.RunAsync(options.Rows ?? 300_000, ct),
    "xlsx" => await XlsxThroughput.RunAsync(options.Rows ?? 50_000, ct),
    "zip" => await ZipThroughput.RunAsync(options.Tickets ?? 20_000, ct),
    "memory" => await MemoryCeiling.RunAsync(options.Megabytes ?? 1024, ct),
    "mapping" => await MappingThroughput.RunAsync(options.Rows ?? 100_000, ct),
    "store" => await RecordStoreCost.RunAsync(options.Tickets ?? 40_000, options.Repeat ?? 3, ct),
    "files" => await FileThroughput.RunAsync(options.Tickets ?? 1_000, options.Rows ?? 512, ct),
    "removal" => await RemovalThroughput.RunAsync(options.Tickets ?? 2_000, options.Rows ?? 3, ct),
    "causes" => await FailureCauseCost.RunAsync(options.Tickets ?? 100_000, options.Repeat ?? 3, ct),
    _ => await AllAsync(ct),
};
Report.Load();
allocations?.Report();
return exitCode;

// Moderate sizes, so the whole sequence takes a few minutes; the README figures come from the single scenarios.
static async Task<int> AllAsync(CancellationToken ct)
{
    var failed = await CsvThroughput.RunAsync(100_000, ct);
    failed |= await XlsxThroughput.RunAsync(20_000, ct);
    failed |= await ZipThroughput.RunAsync(10_000, ct);
    failed |= await MemoryCeiling.RunAsync(512, ct);
    failed |= await MappingThroughput.RunAsync(50_000, ct);
    return failed;
}

static int Usage()
{
    Console.WriteLine("""
        usage: ImportPortal.Bench <scenario> [options]
          simulator [--seconds N] [--workers N]  inserts/s the Frappe simulator serves
          migration [--tickets N] [--rows M]  a whole account export (N tickets, M messages each) through every stage
          import [--tickets N] [--only abcp] [--repeat N] [--allocations]  the import: (a) vs bare HttpClient, (b) remote site, (c) small site,
                                                  (p) the portal alone; --allocations lists the types the sending allocated most
          client [--tickets N] [--repeat N]        CPU per request: bare HttpClient vs the portal's handler chain vs its whole client
          csv [--rows N]                          ticket CSV, ours end to end vs bare Sylvan (default 300,000 rows)
          xlsx [--rows N]                         XLSX rows/s and MB/s (default 50,000 rows)
          zip [--tickets N]                       account-export ZIP, tickets/s and notes/s, 3 notes a ticket (default 20,000)
          memory [--mb N]                         peak working set reading an N MB ticket CSV, fails over 300 MB (default 1024)
          mapping [--rows N]                      rows/s mapped by the Freshdesk ticket preset (default 100,000)
          files [--tickets N] [--rows KB]         attachments: N tickets, each description with a file of KB kilobytes, fetched and uploaded (default 1,000 × 512 KB)
          removal [--tickets N] [--rows M]        an account export imported, checked on the site, then taken back off it: documents read back/s and deleted/s (default 2,000 × 3)
          store [--tickets N] [--repeat N]        the records database alone: claim, ledger lookup and outcome batch per record (default 40,000)
          causes [--tickets N] [--repeat N]       "why records failed" on a run with N failed records of 4 causes: summing up, a cause's page and ids (default 100,000)
          all                                     csv, xlsx, zip, memory and mapping in sequence at moderate sizes
        """);
    return 2;
}
