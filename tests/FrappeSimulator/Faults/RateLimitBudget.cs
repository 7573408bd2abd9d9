namespace FrappeSimulator.Faults;

/// <summary>
/// A request budget per fixed window (Frappe budgets server time in µs; counting requests keeps tests exact).
/// Windows are aligned to the epoch, like Frappe's rate-limit-counter-&lt;window number&gt;.
/// </summary>
public sealed class RateLimitBudget(int limit, TimeSpan window, TimeProvider time)
{
    readonly Lock gate = new();
    long windowNumber = -1;
    int used;

    public int Limit => limit;

    public TimeSpan Window => window;

    internal RateLimitState Take()
    {
        var now = time.GetUtcNow().UtcTicks;
        lock (gate)
        {
            var number = now / window.Ticks;
            if (number != windowNumber)
            {
                windowNumber = number;
                used = 0;
            }

            used++;
            var resetSeconds = (int)Math.Ceiling(TimeSpan.FromTicks(((number + 1) * window.Ticks) - now).TotalSeconds);
            return new RateLimitState(limit, Math.Max(0, limit - used), Math.Max(1, resetSeconds), used > limit);
        }
    }
}
