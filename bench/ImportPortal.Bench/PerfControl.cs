namespace ImportPortal.Bench;

/// <summary>
/// Lets Linux <c>perf</c> sample the single-post imports' sending and nothing else (not the planning, the bare client or
/// the batches): start <c>perf record -C 0 -g -D -1 --control=fifo:/tmp/perf.ctl</c> with that fifo made by
/// <c>mkfifo</c>, then the benchmark with <c>IMPORTPORTAL_BENCH_PERF_FIFO=/tmp/perf.ctl</c> (and
/// <c>DOTNET_PerfMapEnabled=1</c> so perf can name the JIT-compiled methods).
/// </summary>
internal static class PerfControl
{
    private static readonly string? Fifo = Environment.GetEnvironmentVariable("IMPORTPORTAL_BENCH_PERF_FIFO");

    /// <summary>Whether the next sending may be sampled (a scenario disarms it for its warm-up).</summary>
    public static bool Armed { get; set; } = true;

    public static void Enable()
    {
        if (Armed)
        {
            Tell("enable");
        }
    }

    public static void Disable() => Tell("disable");

    private static void Tell(string command)
    {
        if (Fifo is not null)
        {
            File.AppendAllText(Fifo, command + "\n");
        }
    }
}
