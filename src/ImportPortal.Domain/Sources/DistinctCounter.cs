namespace ImportPortal.Domain.Sources;

/// <summary>
/// Counts distinct values in bounded memory: a HyperLogLog with 2^11 one-byte registers (about 2% error), whose
/// linear-counting range makes small counts practically exact. Values are hashed (FNV-1a 64, then mixed).
/// </summary>
internal sealed class DistinctCounter
{
    private const int Bits = 11;
    private const int Registers = 1 << Bits;
    private readonly byte[] registers = new byte[Registers];

    public void Add(string value)
    {
        var hash = Hash(value);
        var index = (int)(hash >> (64 - Bits));
        var rank = (byte)(System.Numerics.BitOperations.LeadingZeroCount((hash << Bits) | (1UL << (Bits - 1))) + 1);
        if (rank > registers[index])
        {
            registers[index] = rank;
        }
    }

    public long Estimate()
    {
        double sum = 0;
        var zeros = 0;
        foreach (var r in registers)
        {
            sum += 1.0 / (1UL << r);
            zeros += r == 0 ? 1 : 0;
        }

        var alpha = 0.7213 / (1 + 1.079 / Registers);
        var raw = alpha * Registers * Registers / sum;
        return (long)Math.Round(raw <= 2.5 * Registers && zeros > 0 ? Registers * Math.Log(Registers / (double)zeros) : raw);
    }

    private static ulong Hash(string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        // splitmix64 finaliser: spreads FNV's weak high bits.
        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }
}
