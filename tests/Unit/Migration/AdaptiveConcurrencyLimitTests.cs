using ImportPortal.Domain.Migration;
using Microsoft.Extensions.Time.Testing;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>The per-site limiter on a fake clock: grows while latency holds, backs off on queueing, refusals and Retry-After.</summary>
public sealed class AdaptiveConcurrencyLimitTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(50);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Feeds whole windows of answers of one latency (a window is as many answers as the limit, at least 4).</summary>
    private static void Answer(AdaptiveConcurrencyLimit limit, TimeSpan latency, int windows = 1)
    {
        for (var w = 0; w < windows; w++)
        {
            var size = Math.Max(4, limit.Limit);
            for (var i = 0; i < size; i++)
            {
                limit.Observe(latency, PaceSignal.Ok);
            }
        }
    }

    private static AdaptiveConcurrencyLimit GrownTo(FakeTimeProvider time, int atLeast, int ceiling = 32)
    {
        var limit = new AdaptiveConcurrencyLimit(time, ceiling);
        while (limit.Limit < atLeast)
        {
            Answer(limit, Fast);
        }

        return limit;
    }

    [Fact]
    public void Batches_start_from_the_first_limit_grow_against_their_own_time_and_may_queue_no_longer_than_a_single_request()
    {
        var limit = GrownTo(new FakeTimeProvider(), atLeast: 8);

        // The first batch: the limit single posts reached says nothing about requests ten times longer.
        limit.Observe(TimeSpan.FromMilliseconds(500), PaceSignal.Ok, documents: 10);
        Assert.True(limit.Limit <= 2, $"limit {limit.Limit} after the first batch: batches start from the first limit");

        // Batches of ten take ten times a single post: against single posts that would read as a queue.
        for (var i = 0; i < 40; i++)
        {
            limit.Observe(TimeSpan.FromMilliseconds(500), PaceSignal.Ok, documents: 10);
        }

        var steady = limit.Limit;
        Assert.True(steady >= 8, $"limit {steady}: batches that show no queue let it grow again");

        // 40 ms more per batch is an agent's click waiting 40 ms: within a tenth of a batch, but more than a tenth of a
        // single post plus the slack.
        for (var i = 0; i < 2 * Math.Max(4, limit.Limit); i++)
        {
            limit.Observe(TimeSpan.FromMilliseconds(540), PaceSignal.Ok, documents: 10);
        }

        Assert.True(limit.Limit < steady, $"limit {limit.Limit}, was {steady}: batches queueing 40 ms must shrink it");
    }

    [Fact]
    public void The_limit_grows_while_latency_holds()
    {
        var limit = new AdaptiveConcurrencyLimit(new FakeTimeProvider(), ceiling: 16, initial: 2);

        Answer(limit, Fast, windows: 3);

        Assert.True(limit.Limit >= 5, $"limit {limit.Limit} after three windows at steady latency");
    }

    [Fact]
    public void The_limit_grows_while_latency_stays_within_the_tolerance()
    {
        var limit = new AdaptiveConcurrencyLimit(new FakeTimeProvider(), ceiling: 16, initial: 4);
        Answer(limit, TimeSpan.FromMilliseconds(100));
        var before = limit.Limit;

        var withinTolerance = TimeSpan.FromMilliseconds(100 * AdaptiveConcurrencyLimit.Tolerance + AdaptiveConcurrencyLimit.SlackMs - 1);
        Answer(limit, withinTolerance);

        Assert.True(limit.Limit > before, $"limit {limit.Limit}, was {before}: {withinTolerance.TotalMilliseconds} ms against 100 ms is within the tolerance");
    }

    [Fact]
    public void Until_the_site_first_shows_a_queue_the_limit_doubles_each_window_and_afterwards_grows_gently()
    {
        var limit = new AdaptiveConcurrencyLimit(new FakeTimeProvider(), ceiling: 64, initial: 2);

        Answer(limit, Fast);
        Answer(limit, Fast);
        var doubled = limit.Limit;
        Answer(limit, Fast * 3);
        var shrunk = limit.Limit;
        Answer(limit, Fast);

        Assert.Equal(8, doubled);
        Assert.True(shrunk < doubled, $"limit {shrunk} after latency tripled, was {doubled}");
        Assert.True(limit.Limit - shrunk <= Math.Max(1, Math.Sqrt(shrunk) / 2) + 1, $"limit {limit.Limit} from {shrunk}: after the first queue it grows by about the square root, not doubling");
    }

    [Fact]
    public void The_limit_shrinks_when_latency_doubles()
    {
        var limit = GrownTo(new FakeTimeProvider(), 8);
        var before = limit.Limit;

        Answer(limit, Fast * 2);

        Assert.True(limit.Limit < before, $"limit {limit.Limit}, was {before}: requests are queueing on the server");
        Assert.True(limit.Limit >= before / 2, $"limit {limit.Limit}, was {before}: a latency rise shrinks in proportion, not to nothing");
    }

    [Theory]
    [InlineData(false, 1.0, true)]
    [InlineData(true, 1.0, false)]
    [InlineData(true, 0.1, true)]
    public async Task Latency_the_portals_own_busy_core_explains_does_not_shrink_the_limit(bool portalClock, double busyShare, bool shrinks)
    {
        // A site on the same network answering in 2 ms; the portal spends 0.5 ms of CPU per answer, its core busy
        // all the time (or a tenth of it: then its answers rarely wait for it, and it excuses nothing).
        var time = new FakeTimeProvider();
        var busy = TimeSpan.Zero;
        var limit = new AdaptiveConcurrencyLimit(time, ceiling: 16, initial: 16, load: portalClock ? new PortalLoad(() => busy, cores: 1) : null);
        var leases = new List<IDisposable>();
        for (var i = 0; i < 16; i++)
        {
            leases.Add(await limit.AcquireAsync(Ct));
        }

        void Window(double ms)
        {
            for (var i = 0; i < 16; i++)
            {
                busy += TimeSpan.FromMilliseconds(0.5);
                time.Advance(TimeSpan.FromMilliseconds(0.5 / busyShare));
                limit.Observe(TimeSpan.FromMilliseconds(ms), PaceSignal.Ok);
            }
        }

        Window(2);
        // 9 ms with 16 answers waiting for the portal's core (16 × 0.5 ms = 8 ms of its work): over 1.1 × 2 + 5 ms, the
        // slack for noise, but not over what the portal's own work explains.
        Window(9);

        Assert.Equal(shrinks, limit.Limit < 16);
        leases.ForEach(l => l.Dispose());
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task With_two_sites_each_limit_reads_the_portal_s_work_per_answer_of_both(bool sharedLoad, bool shrinks)
    {
        // Two runs on two sites, 16 requests in flight on each; the portal spends 0.5 ms of CPU per answer, its core
        // busy all the time. Site A's answers climb from 2 ms to 20 ms: 8 ms of that is the portal's work ahead of each
        // (16 × 0.5 ms), the rest a queue on site A. Counting only A's answers against all of the portal's CPU would
        // make its work per answer 1 ms and excuse 16 ms.
        var time = new FakeTimeProvider();
        var busy = TimeSpan.Zero;
        var shared = new PortalLoad(() => busy, cores: 1);
        var a = new AdaptiveConcurrencyLimit(time, ceiling: 16, initial: 16, load: shared);
        var b = new AdaptiveConcurrencyLimit(time, ceiling: 16, initial: 16, load: sharedLoad ? shared : new PortalLoad(() => busy, cores: 1));
        var leases = new List<IDisposable>();
        for (var i = 0; i < 16; i++)
        {
            leases.Add(await a.AcquireAsync(Ct));
            leases.Add(await b.AcquireAsync(Ct));
        }

        void Window(double siteA)
        {
            for (var i = 0; i < 16; i++)
            {
                foreach (var (limit, ms) in new[] { (a, siteA), (b, 2.0) })
                {
                    busy += TimeSpan.FromMilliseconds(0.5);
                    time.Advance(TimeSpan.FromMilliseconds(0.5));
                    limit.Observe(TimeSpan.FromMilliseconds(ms), PaceSignal.Ok);
                }
            }
        }

        Window(2);
        Window(20);

        Assert.Equal(shrinks, a.Limit < 16);
        Assert.Equal(16, b.Limit);
        leases.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task A_busy_portal_still_backs_off_from_a_real_queue_on_the_site()
    {
        // The portal's allowance is capped: 5 ms of CPU per answer would excuse 80 ms, but only 20 ms is.
        var time = new FakeTimeProvider();
        var busy = TimeSpan.Zero;
        var limit = new AdaptiveConcurrencyLimit(time, ceiling: 16, initial: 16, load: new PortalLoad(() => busy, cores: 1));
        var leases = new List<IDisposable>();
        for (var i = 0; i < 16; i++)
        {
            leases.Add(await limit.AcquireAsync(Ct));
        }

        foreach (var ms in new[] { 50.0, 100.0 })
        {
            for (var i = 0; i < 16; i++)
            {
                busy += TimeSpan.FromMilliseconds(5);
                time.Advance(TimeSpan.FromMilliseconds(5));
                limit.Observe(TimeSpan.FromMilliseconds(ms), PaceSignal.Ok);
            }
        }

        Assert.True(limit.Limit < 16, $"limit {limit.Limit}: latency doubled on the site, far beyond what the portal's work explains");
        leases.ForEach(l => l.Dispose());
    }

    [Theory]
    [InlineData(PaceSignal.RateLimited)]
    [InlineData(PaceSignal.Overloaded)]
    public void A_429_or_a_5xx_halves_the_limit(PaceSignal signal)
    {
        var limit = GrownTo(new FakeTimeProvider(), 8);
        var before = limit.Limit;

        limit.Observe(Fast, signal);

        Assert.Equal(before / 2, limit.Limit);
    }

    [Fact]
    public void A_burst_of_refusals_halves_the_limit_once()
    {
        var time = new FakeTimeProvider();
        var limit = GrownTo(time, 8);
        var before = limit.Limit;

        for (var i = 0; i < 6; i++)
        {
            limit.Observe(Fast, PaceSignal.RateLimited);
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal(before / 2, limit.Limit);
    }

    [Fact]
    public void Refusals_after_the_burst_has_passed_halve_the_limit_again()
    {
        var time = new FakeTimeProvider();
        var limit = GrownTo(time, 8);
        var before = limit.Limit;

        limit.Observe(Fast, PaceSignal.Overloaded);
        time.Advance(TimeSpan.FromSeconds(1));
        limit.Observe(Fast, PaceSignal.Overloaded);

        Assert.Equal(before / 4, limit.Limit);
    }

    [Fact]
    public async Task Retry_After_pauses_every_acquirer_until_the_clock_passes_it()
    {
        var time = new FakeTimeProvider();
        var limit = new AdaptiveConcurrencyLimit(time, ceiling: 8, initial: 4);

        limit.Observe(Fast, PaceSignal.RateLimited, TimeSpan.FromSeconds(2));
        var first = limit.AcquireAsync(Ct).AsTask();
        var second = limit.AcquireAsync(Ct).AsTask();
        time.Advance(TimeSpan.FromSeconds(1.5));
        await Task.Delay(20, Ct);
        var pausedAtOneAndAHalf = !first.IsCompleted && !second.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(0.6));

        Assert.True(pausedAtOneAndAHalf, "acquirers went before the Retry-After had passed");
        using var a = await first.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        using var b = await second.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(2, limit.InFlight);
    }

    [Fact]
    public void A_later_shorter_Retry_After_does_not_shorten_the_pause()
    {
        var time = new FakeTimeProvider();
        var limit = new AdaptiveConcurrencyLimit(time);

        limit.Observe(Fast, PaceSignal.RateLimited, TimeSpan.FromSeconds(10));
        limit.Observe(Fast, PaceSignal.RateLimited, TimeSpan.FromSeconds(1));

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(10), limit.PausedUntil);
    }

    [Fact]
    public void The_limit_never_exceeds_the_ceiling()
    {
        var limit = new AdaptiveConcurrencyLimit(new FakeTimeProvider(), ceiling: 6);

        Answer(limit, Fast, windows: 50);

        Assert.Equal(6, limit.Limit);
    }

    [Fact]
    public async Task No_more_requests_than_the_limit_are_in_flight_and_a_released_slot_lets_the_next_one_go()
    {
        var limit = new AdaptiveConcurrencyLimit(new FakeTimeProvider(), ceiling: 3, initial: 3);
        var held = new List<IDisposable>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await limit.AcquireAsync(Ct));
        }

        var fourth = limit.AcquireAsync(Ct).AsTask();
        await Task.Delay(20, Ct);
        var waitedWhileFull = !fourth.IsCompleted;
        held[0].Dispose();

        Assert.True(waitedWhileFull, "a fourth request went while three were in flight under a limit of 3");
        using var lease = await fourth.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(3, limit.InFlight);
        held.Skip(1).ToList().ForEach(l => l.Dispose());
    }

    [Fact]
    public void Refusals_never_take_the_limit_below_one()
    {
        var time = new FakeTimeProvider();
        var limit = new AdaptiveConcurrencyLimit(time, ceiling: 16, initial: 4);

        for (var i = 0; i < 20; i++)
        {
            limit.Observe(Fast, PaceSignal.Overloaded);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(1, limit.Limit);
    }

    [Fact]
    public void Climbing_latency_never_takes_the_limit_below_one()
    {
        var limit = GrownTo(new FakeTimeProvider(), 12);

        for (var i = 0; i < 20; i++)
        {
            Answer(limit, Fast * Math.Pow(2, i + 1));
        }

        Assert.Equal(1, limit.Limit);
    }

    [Fact]
    public async Task One_request_still_goes_at_the_lowest_limit()
    {
        var time = new FakeTimeProvider();
        var limit = new AdaptiveConcurrencyLimit(time, ceiling: 16, initial: 1);
        limit.Observe(Fast, PaceSignal.Overloaded);

        using var lease = await limit.AcquireAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(1, limit.InFlight);
    }

    [Fact]
    public void Lowering_the_ceiling_lowers_the_limit_at_once()
    {
        var limit = GrownTo(new FakeTimeProvider(), 10);

        limit.Ceiling = 3;

        Assert.Equal(3, limit.Limit);
    }

    [Fact]
    public async Task Lowering_the_ceiling_holds_new_requests_until_in_flight_ones_fit_under_it()
    {
        var limit = new AdaptiveConcurrencyLimit(new FakeTimeProvider(), ceiling: 4, initial: 4);
        var held = new List<IDisposable>();
        for (var i = 0; i < 4; i++)
        {
            held.Add(await limit.AcquireAsync(Ct));
        }

        limit.Ceiling = 2;
        held[0].Dispose();
        held[1].Dispose();
        var next = limit.AcquireAsync(Ct).AsTask();
        await Task.Delay(20, Ct);
        var heldAtTwoInFlight = !next.IsCompleted;
        held[2].Dispose();

        Assert.True(heldAtTwoInFlight, "a request went while two were in flight under a ceiling of 2");
        using var lease = await next.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        held[3].Dispose();
    }

    [Fact]
    public void The_limit_does_not_grow_past_a_lowered_ceiling()
    {
        var limit = GrownTo(new FakeTimeProvider(), 10);
        limit.Ceiling = 3;

        Answer(limit, Fast, windows: 20);

        Assert.Equal(3, limit.Limit);
    }

    [Fact]
    public async Task A_cancelled_waiter_gives_its_turn_to_the_next()
    {
        var limit = new AdaptiveConcurrencyLimit(new FakeTimeProvider(), ceiling: 1, initial: 1);
        var held = await limit.AcquireAsync(Ct);
        using var cancel = new CancellationTokenSource();
        var cancelled = limit.AcquireAsync(cancel.Token).AsTask();
        var next = limit.AcquireAsync(Ct).AsTask();

        await cancel.CancelAsync();
        held.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        using var lease = await next.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(1, limit.InFlight);
    }
}
