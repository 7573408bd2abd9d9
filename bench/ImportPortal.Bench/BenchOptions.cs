using System.Globalization;

namespace ImportPortal.Bench;

/// <summary>Command-line knobs shared by the scenarios; every run is bounded in time.</summary>
internal sealed record BenchOptions(int Seconds, int Workers)
{
    public static BenchOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchOptions(Math.Clamp(Value("--seconds", 5), 1, 120), Math.Clamp(Value("--workers", 8), 1, 64));
    }
}
