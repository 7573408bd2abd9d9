namespace FrappeSimulator.Hosting;

/// <summary>Reads the standalone command line into <see cref="SimulatorOptions"/>.</summary>
static class CommandLine
{
    public static SimulatorOptions Parse(string[] args)
    {
        var options = new SimulatorOptions { Url = "http://127.0.0.1:8000", MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Information };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--urls" or "--url" => options with { Url = Next().Split(';')[0] },
                "--helpdesk" => options with { Helpdesk = Version(Next()) },
                "--data" => options with { DataFile = Next() },
                "--faults" => options with { ControlEndpoints = true },
                "--api-key" => options with { ApiKey = Next() },
                "--api-secret" => options with { ApiSecret = Next() },
                "--timezone" => options with { TimeZone = Next() },
                "--welcome-ticket" => options with { WelcomeTicket = true },
                "--max-file-size" => options with { MaxFileSize = long.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--max-request-line" => options with { MaxRequestLine = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--quiet" => options with { MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return options;
    }

    static HelpdeskVersion Version(string text) => text switch
    {
        "1.4" or "1.4.0" => HelpdeskVersion.V1_4,
        "1.22" or "1.22.2" => HelpdeskVersion.V1_22,
        "1.28" or "1.28.1" => HelpdeskVersion.V1_28,
        _ => throw new ArgumentException($"Unknown Helpdesk version {text} (1.4, 1.22 or 1.28)"),
    };
}
