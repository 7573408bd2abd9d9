using System.Diagnostics;

namespace ImportPortal.Bench;

/// <summary>
/// Runs processes on one core with Linux's <c>taskset</c>, set before the runtime starts: a process moved to one core
/// after start-up keeps a thread pool sized (and spinning) for every core of the machine.
/// </summary>
internal static class CorePinning
{
    private const string Taskset = "/usr/bin/taskset";

    /// <summary>Set in the pinned copy of the benchmark, so it does not pin itself again.</summary>
    private const string PinnedVariable = "IMPORTPORTAL_BENCH_PINNED";

    /// <summary>Set before a run to measure with the runtime's default tiered compilation instead (DOTNET_TieredCompilation=1).</summary>
    private const string TieringVariable = "DOTNET_TieredCompilation";

    public static bool Available =>
        OperatingSystem.IsLinux() && File.Exists(Taskset) && Environment.GetEnvironmentVariable(PinnedVariable) is null;

    /// <summary>A start of <paramref name="exe"/> on <paramref name="core"/> (through taskset when it is there).</summary>
    public static ProcessStartInfo StartInfo(string exe, int core)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Taskset) || core >= CoresOfMachine())
        {
            return new ProcessStartInfo(exe);
        }

        var start = new ProcessStartInfo(Taskset);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(core.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(exe);
        return start;
    }

    /// <summary>Runs this benchmark again with the same arguments on <paramref name="core"/>; its output goes straight through.</summary>
    public static async Task<int> RunPinnedAsync(int core, string[] args, CancellationToken ct)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("the benchmark's own path is unknown");
        var start = StartInfo(self, core);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            // Started as "dotnet ImportPortal.Bench.dll": the pinned copy needs the dll too.
            start.ArgumentList.Add(typeof(CorePinning).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.UseShellExecute = false;
        start.Environment[PinnedVariable] = "1";
        // Steady-state code from the first request, for the pinned benchmark and the sites it starts alike. With tiered
        // compilation on one saturated core, the background compiler thread gets a sliver of the core and code stays
        // unoptimised for many seconds (perf over a 12 s import pass: 41% of the portal's samples in tier-0 or
        // ReadyToRun code and call-counting stubs, 4% in optimised code); a migration runs for hours, on a portal that
        // mostly waits for its site, and reaches that code in its first minutes. The start-up compilation this costs
        // falls outside every measured window.
        if (Environment.GetEnvironmentVariable(TieringVariable) is null)
        {
            start.Environment[TieringVariable] = "0";
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the pinned benchmark");
        await process.WaitForExitAsync(ct);
        return process.ExitCode;
    }

    /// <summary>The machine's cores, whatever this process is pinned to.</summary>
    private static int CoresOfMachine() =>
        File.Exists("/sys/devices/system/cpu/present") && File.ReadAllText("/sys/devices/system/cpu/present").Trim().Split('-') is [_, var last]
            ? int.Parse(last, System.Globalization.CultureInfo.InvariantCulture) + 1
            : Environment.ProcessorCount;
}
