using System.Collections.Immutable;

namespace FrappeSimulator.Faults;

/// <summary>
/// What goes wrong, set per test: latency, capacity, a rate-limit budget, fault rules and document rejections.
/// Random choices come from one seeded <see cref="Random"/>, so a fault test repeats exactly.
/// </summary>
public sealed class FaultPlan(int seed, TimeProvider time)
{
    readonly Lock randomGate = new();
    readonly Lock decideGate = new();
    readonly Random random = new(seed);
    ImmutableList<ActiveFault> rules = [];
    int inFlight;
    int peakInFlight;

    public LatencyProfile Latency { get; set; } = LatencyProfile.None;

    /// <summary>
    /// Round trip of the network between client and site, spent outside the capacity gate (half before the
    /// request is served, half after): it slows each request without occupying the server.
    /// </summary>
    public LatencyProfile Network { get; set; } = LatencyProfile.None;

    /// <summary>Time each request spent at the server: waiting for capacity plus being served (not the network).</summary>
    public ServerLatencies ServerLatency { get; } = new();

    /// <summary>Requests served at once; the rest queue. Null = unlimited.</summary>
    public int? Capacity
    {
        get => Gate is null ? null : capacity;
        set
        {
            capacity = value ?? 0;
            Gate = value is { } n ? new SemaphoreSlim(n, n) : null;
        }
    }

    int capacity;

    public RateLimitBudget? RateLimit { get; private set; }

    public DocumentRejections Rejections { get; } = new();

    /// <summary>Most requests seen being served at the same time since the last <see cref="ResetPeak"/>.</summary>
    public int PeakConcurrency => Volatile.Read(ref peakInFlight);

    internal SemaphoreSlim? Gate { get; private set; }

    public void ResetPeak() => Volatile.Write(ref peakInFlight, 0);

    public void LimitRate(int requests, TimeSpan window) => RateLimit = new RateLimitBudget(requests, window, time);

    public void RemoveRateLimit() => RateLimit = null;

    public FaultRule Add(FaultRule rule)
    {
        ImmutableInterlocked.Update(ref rules, r => r.Add(new ActiveFault(rule)));
        return rule;
    }

    /// <summary>A share of matching requests fails; e.g. 0.1 of all requests answer 500 QueryDeadlockError.</summary>
    public FaultRule AddShare(FaultKind kind, double share, FaultTarget? target = null) =>
        Add(new FaultRule(kind, target ?? FaultTarget.Any) { Share = share });

    /// <summary>Exactly the n-th matching request (1-based) fails.</summary>
    public FaultRule AddNth(FaultKind kind, int n, FaultTarget? target = null) =>
        Add(new FaultRule(kind, target ?? FaultTarget.Any) { NthMatch = n, MaxHits = 1 });

    /// <summary>How often a rule has fired.</summary>
    public int Hits(FaultRule rule) => rules.FirstOrDefault(r => ReferenceEquals(r.Rule, rule))?.Hits ?? 0;

    /// <summary>Removes rules, latency, capacity, rate limit and rejections.</summary>
    public void Clear()
    {
        rules = [];
        Latency = LatencyProfile.None;
        Network = LatencyProfile.None;
        Capacity = null;
        RateLimit = null;
        Rejections.Clear();
    }

    internal FaultKind? Decide(RequestTarget request)
    {
        FaultKind? chosen = null;
        // One request at a time through all the rules: two requests counted by the rules in interleaved order would
        // each be another rule's n-th, and a rule whose n-th match had been hit by an earlier rule would never fire.
        lock (decideGate)
        {
            foreach (var fault in rules)
            {
                // Every matching rule counts the request, so "the n-th POST" stays exact even when another rule fired.
                if (fault.Rule.Target.Matches(request) && fault.CountMatch(this, canHit: chosen is null))
                {
                    chosen = fault.Rule.Kind;
                }
            }
        }

        return chosen;
    }

    internal double NextDouble()
    {
        lock (randomGate)
        {
            return random.NextDouble();
        }
    }

    internal int NextDelayMs() => DelayOf(Latency);

    internal int NextNetworkMs() => DelayOf(Network);

    int DelayOf(LatencyProfile latency) =>
        latency.FixedMs + (latency.JitterMs > 0 ? (int)(NextDouble() * (latency.JitterMs + 1)) : 0);

    internal void Entered()
    {
        var now = Interlocked.Increment(ref inFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref peakInFlight)) && Interlocked.CompareExchange(ref peakInFlight, now, peak) != peak)
        {
        }
    }

    internal void Left() => Interlocked.Decrement(ref inFlight);

    sealed class ActiveFault(FaultRule rule)
    {
        readonly Lock gate = new();
        int matches;
        int hits;

        public FaultRule Rule => rule;

        public int Hits => Volatile.Read(ref hits);

        /// <summary>Counts the match and says whether this request is hit.</summary>
        public bool CountMatch(FaultPlan plan, bool canHit)
        {
            lock (gate)
            {
                matches++;
                if (!canHit || (rule.MaxHits is { } max && hits >= max))
                {
                    return false;
                }

                var hit = rule.NthMatch is { } n ? matches == n : rule.Share >= 1 || plan.NextDouble() < rule.Share;
                if (hit)
                {
                    hits++;
                }

                return hit;
            }
        }
    }
}
