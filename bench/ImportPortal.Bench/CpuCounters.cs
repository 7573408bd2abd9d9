using System.Runtime.InteropServices;

namespace ImportPortal.Bench;

/// <summary>The process's context switches so far (voluntary: a thread waited; involuntary: it was preempted), all threads, from getrusage.</summary>
internal static partial class ContextSwitches
{
    public static (long Voluntary, long Involuntary) Read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (0, 0);
        }

        // struct rusage on 64-bit Linux: two timevals (4 longs), then 14 longs; ru_nvcsw and ru_nivcsw are the last two.
        Span<long> usage = stackalloc long[18];
        return GetRusage(0, ref MemoryMarshal.GetReference(usage)) == 0 ? (usage[16], usage[17]) : (0, 0);
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, ref long usage);
}

/// <summary>Each core's time by kind from /proc/stat (user, nice, system, idle, iowait, irq, softirq, steal), in clock ticks.</summary>
internal static class CoreTimes
{
    public static long[][] Read() => OperatingSystem.IsLinux()
        ? File.ReadLines("/proc/stat").Where(l => l.StartsWith("cpu", StringComparison.Ordinal) && char.IsDigit(l[3]))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray()).ToArray()
        : [];

    /// <summary>Per core between two readings: busy, idle, iowait and steal as shares of the core's time.</summary>
    public static string Describe(long[][] from, long[][] to) => string.Join("; ", from.Select((f, core) =>
    {
        var d = to[core].Zip(f, (a, b) => (double)(a - b)).ToArray();
        var total = Math.Max(1, d.Sum());
        var busy = d[0] + d[1] + d[2] + d[5] + d[6];
        return $"core {core}: busy {busy / total:P0}, idle {d[3] / total:P0}, iowait {d[4] / total:P0}, steal {d[7] / total:P0}";
    }));
}
