using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace ImportPortal.Bench;

/// <summary>The printed figures: one line each, invariant culture, ready to paste into the README.</summary>
internal static class Report
{
    public static void Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var gc = GCSettings.IsServerGC ? "server" : "workstation";
        Line("machine", $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memory:F1} GB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {gc} GC");
        Load();
    }

    /// <summary>The 1-minute load average: figures taken with other work on the machine are not comparable.</summary>
    public static void Load()
    {
        if (File.Exists("/proc/loadavg"))
        {
            Line("load", $"{File.ReadAllText("/proc/loadavg").Split(' ')[0]} (1-minute average on {Environment.ProcessorCount} cores)");
        }
    }

    public static void Line(string scenario, FormattableString text) =>
        Console.WriteLine($"{scenario,-8} {text.ToString(CultureInfo.InvariantCulture)}");

    public static string Rate(double count, TimeSpan elapsed) => (count / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);

    public static string Mb(double bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture);
}
