using Microsoft.Extensions.Logging;

namespace FrappeSimulator.Hosting;

/// <summary>How one simulated Frappe site is started.</summary>
public sealed record SimulatorOptions
{
    public HelpdeskVersion Helpdesk { get; init; } = HelpdeskVersion.V1_22;

    /// <summary>Kestrel address; only loopback addresses are accepted. Port 0 picks a free port.</summary>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>API key of the Administrator user; a random one when null.</summary>
    public string? ApiKey { get; init; }

    /// <summary>API secret of the Administrator user; a random one when null.</summary>
    public string? ApiSecret { get; init; }

    /// <summary>IANA id of the site's time zone (System Settings time_zone); timestamps are written in it.</summary>
    public string TimeZone { get; init; } = "UTC";

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Seed of the random source behind fault shares and latency jitter, so fault tests repeat exactly. 1234 unless
    /// <c>FRAPPE_SIM_FAULT_SEED</c> says otherwise: <c>tests/soak.sh</c> runs the fault tests again under other seeds.
    /// </summary>
    public int FaultSeed { get; init; } = DefaultFaultSeed();

    static int DefaultFaultSeed() =>
        int.TryParse(Environment.GetEnvironmentVariable("FRAPPE_SIM_FAULT_SEED"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seed) ? seed : 1234;

    /// <summary>Serve the <c>/__sim/...</c> control endpoints (off unless asked for).</summary>
    public bool ControlEndpoints { get; init; }

    /// <summary>Load documents from this JSON file at start (if present) and write them back on dispose.</summary>
    public string? DataFile { get; init; }

    /// <summary>Create the "Welcome to Helpdesk" ticket (and its contact) a fresh Helpdesk install has.</summary>
    public bool WelcomeTicket { get; init; }

    /// <summary>
    /// Frappe's <c>throttle_user_limit</c> site config: a User insert is refused ("Throttled", 417 ValidationError) once
    /// more than this many users were created in the last <see cref="ThrottleUserWindow"/>.
    /// </summary>
    public int ThrottleUserLimit { get; init; } = 60;

    /// <summary>The window of the user throttle: a minute in Frappe (hard-coded there); tests shorten it.</summary>
    public TimeSpan ThrottleUserWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The throttle's message as the API user's language has it (Frappe translates <c>_("Throttled")</c>).</summary>
    public string ThrottleUserMessage { get; init; } = "Throttled";

    /// <summary>
    /// The largest file <c>upload_file</c> takes, in bytes (System Settings <c>max_file_size</c>, 25 MiB by default); a
    /// larger one is refused with 417 MaxFileSizeReachedError.
    /// </summary>
    public long MaxFileSize { get; init; } = 25 * 1024 * 1024;

    /// <summary>Longest request line gunicorn takes (its default; 0: no limit); a longer one gets its 400 page.</summary>
    public int MaxRequestLine { get; init; } = RequestLineLimit.GunicornDefault;

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;
}
