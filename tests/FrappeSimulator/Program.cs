using FrappeSimulator.Hosting;

// Standalone: dotnet run --project tests/FrappeSimulator -- [--urls URL] [--helpdesk 1.4|1.22|1.28] [--data FILE] [--faults]
//             [--api-key K] [--api-secret S] [--timezone Asia/Ho_Chi_Minh] [--welcome-ticket] [--max-file-size BYTES] [--quiet]
var options = CommandLine.Parse(args);
await using var simulator = await SimulatorHost.StartAsync(options);
Console.WriteLine($"Frappe simulator (Helpdesk {simulator.HelpdeskRelease}) listening on {simulator.BaseUrl}");
Console.WriteLine($"API key:    {simulator.ApiKey}");
Console.WriteLine($"API secret: {simulator.ApiSecret}");
Console.WriteLine($"Header:     Authorization: {simulator.AuthorizationHeader}");
if (options.ControlEndpoints)
{
    Console.WriteLine($"Control:    {simulator.BaseUrl}__sim/stats");
}

Console.WriteLine("Press Ctrl+C to stop.");
await simulator.WaitForShutdownAsync();
