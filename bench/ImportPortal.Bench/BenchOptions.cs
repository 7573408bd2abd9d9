using System.Globalization;

namespace ImportPortal.Bench;

/// <summary>
/// Command-line knobs shared by the scenarios; every run is bounded in time and size. A size left out is null,
/// and each scenario picks its own default.
/// </summary>
internal sealed record BenchOptions(int Seconds, int Workers, int? Rows = null, int? Tickets = null, int? Megabytes = null, string? Only = null, int? Repeat = null, bool Allocations = false)
{
    public static BenchOptions Parse(string[] args)
    {
        int? Value(string name, int min, int max)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? Math.Clamp(int.Parse(args[i + 1], CultureInfo.InvariantCulture), min, max) : null;
        }

        return new BenchOptions(
            Value("--seconds", 1, 120) ?? 5,
            Value("--workers", 1, 64) ?? 8,
            Value("--rows", 1, 5_000_000),
            Value("--tickets", 1, 1_000_000),
            Value("--mb", 1, 4096),
            Array.IndexOf(args, "--only") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : null,
            Value("--repeat", 1, 9),
            args.Contains("--allocations"));
    }
}
