using FrappeSimulator.Hosting;

namespace FrappeSimulator.Tests.Support;

/// <summary>Starts a fresh simulator for one test.</summary>
public static class Simulators
{
    public static Task<SimulatorHandle> Start(HelpdeskVersion version = HelpdeskVersion.V1_22, TimeProvider? time = null, bool control = false, string timeZone = "UTC") =>
        SimulatorHost.StartAsync(new SimulatorOptions
        {
            Helpdesk = version,
            TimeProvider = time ?? TimeProvider.System,
            ControlEndpoints = control,
            TimeZone = timeZone,
        });
}
