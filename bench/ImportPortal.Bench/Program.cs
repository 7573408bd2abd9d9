using ImportPortal.Bench;

// Benchmarks whose figures go into the README. Run in Release:
//   dotnet run -c Release --project bench/ImportPortal.Bench -- simulator [--seconds 5] [--workers 8]
var scenario = args.FirstOrDefault() ?? "help";
var options = BenchOptions.Parse(args.Skip(1).ToArray());
return scenario switch
{
    "simulator" => await SimulatorThroughput.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: ImportPortal.Bench simulator [--seconds N] [--workers N]");
    return 2;
}
