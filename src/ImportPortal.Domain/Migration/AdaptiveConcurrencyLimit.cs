namespace ImportPortal.Domain.Migration;

/// <summary>
/// How many requests one site gets at once, found by watching it: the limit grows while latency stays near the
/// lowest seen recently and nothing is refused; it shrinks in proportion when latency climbs (requests are
/// queueing on the server), halves on a 429 or a 5xx, and every sender waits out a Retry-After. Capped by
/// <see cref="Ceiling"/>. Thread-safe.
/// </summary>
/// <param name="load">
/// The portal's own work, when known. An answer that waits for the portal's own busy core looks like a queue on the
/// site; with it, the wait the portal's own work explains is allowed on top (its work per answer, queued as busy as its
/// cores were; at most <see cref="MaxSelfDelayMs"/>), so a busy portal does not throttle an idle site, and a mostly
/// idle portal excuses next to nothing.
/// </param>
public sealed class AdaptiveConcurrencyLimit(TimeProvider time, int ceiling = 16, double initial = 2, PortalLoad? load = null)
{
    /// <summary>Latency may rise this much over the baseline before the limit stops growing (keeps a live helpdesk responsive).</summary>
    public const double Tolerance = 1.1;

    /// <summary>Latency rises smaller than this are noise (a GC pause, a busy client), not a queue on the server.</summary>
    public const double SlackMs = 5;

    /// <summary>The most latency the portal's own work may explain: beyond it a busy portal still backs off.</summary>
    public const double MaxSelfDelayMs = 4 * SlackMs;

    /// <summary>The baseline is the lowest window median of this recent past: old fast answers must not hold the limit down forever.</summary>
    private static readonly TimeSpan BaselineAge = TimeSpan.FromSeconds(10);

    private const int BaselineWindows = 30;
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    // Single requests and batches (insert_many) are watched apart: a batch takes its documents' time, so against the
    // baseline of single posts it would read as a queue, and divided by its size it would hide the queue it waits in.
    private readonly LatencyTrack _singles = new();
    private readonly LatencyTrack _batches = new();
    private readonly double _initialLimit = Math.Clamp(initial, 1, Math.Max(1, ceiling));
    private double _limit = Math.Clamp(initial, 1, Math.Max(1, ceiling));
    private int _ceiling = Math.Max(1, ceiling);
    private int _inFlight;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private long _lastCut;

    // Like TCP's slow start: double until the site first shows a queue or refuses, then grow gently.
    private bool _slowStart = true;

    // The process's CPU time and the answers of all sites when the limit was last adjusted: their ratio is the work per answer.
    private TimeSpan _busyAtAdjust = load?.BusyTime ?? TimeSpan.Zero;
    private long _adjustedAt = time.GetTimestamp();
    private long _answersAtAdjust = load?.Answers ?? 0;

    /// <summary>Requests allowed at once right now.</summary>
    public int Limit
    {
        get
        {
            lock (_gate)
            {
                return Permits;
            }
        }
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Ceiling
    {
        get => Volatile.Read(ref _ceiling);
        set
        {
            lock (_gate)
            {
                _ceiling = Math.Max(1, value);
                _limit = Math.Min(_limit, _ceiling);
                WakeWaiters();
            }
        }
    }

    /// <summary>When senders may go again after a Retry-After (in the past when not paused).</summary>
    public DateTimeOffset PausedUntil
    {
        get
        {
            lock (_gate)
            {
                return _pausedUntil;
            }
        }
    }

    private int Permits => Math.Max(1, (int)Math.Floor(_limit));

    /// <summary>Waits for a slot (and for any Retry-After pause to end); dispose the lease when the request is answered.</summary>
    public async ValueTask<IDisposable> AcquireAsync(CancellationToken ct)
    {
        while (true)
        {
            TaskCompletionSource? waiter = null;
            TimeSpan pause;
            lock (_gate)
            {
                pause = _pausedUntil - time.GetUtcNow();
                if (pause <= TimeSpan.Zero)
                {
                    if (_inFlight < Permits)
                    {
                        _inFlight++;
                        return new Lease(this);
                    }

                    waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _waiters.Enqueue(waiter);
                }
            }

            if (waiter is null)
            {
                await Task.Delay(pause, time, ct);
                continue;
            }

            await using (ct.Register(() => waiter.TrySetCanceled(ct)))
            {
                await waiter.Task;
            }
        }
    }

    /// <summary>Feeds one answered request (its own latency, without time spent waiting for a slot); <paramref name="documents"/> above one marks a batch.</summary>
    public void Observe(TimeSpan latency, PaceSignal signal, TimeSpan? retryAfter = null, int documents = 1)
    {
        lock (_gate)
        {
            if (retryAfter is { } wait && wait > TimeSpan.Zero)
            {
                var until = time.GetUtcNow() + wait;
                _pausedUntil = until > _pausedUntil ? until : _pausedUntil;
            }

            if (signal != PaceSignal.Ok)
            {
                Cut();
                return;
            }

            load?.Answered();
            var track = documents > 1 ? _batches : _singles;
            if (track == _batches && track.Lowest == double.MaxValue)
            {
                // The first batch: single requests grew the limit, and a batch takes far longer than one. Batches start
                // from the first limit again and grow while their answers show no queue.
                _limit = Math.Min(_limit, _initialLimit);
                _slowStart = true;
                _batches.Window.Clear();
            }

            track.Saw(latency.TotalMilliseconds, time);
            track.Window.Add(latency.TotalMilliseconds);
            if (track.Window.Count >= Math.Max(4, Permits))
            {
                Adjust(track);
            }
        }
    }

    private void Cut()
    {
        // One halving per burst: the answers of requests already in flight describe the same overload.
        var baseline = _singles.RecentMedians.Count > 0 ? _singles.RecentMedians.Min(m => m.Median) : 100;
        if (time.GetElapsedTime(_lastCut).TotalMilliseconds < Math.Max(250, baseline * 2))
        {
            return;
        }

        _lastCut = time.GetTimestamp();
        _slowStart = false;
        _limit = Math.Max(1, _limit / 2);
        _singles.Window.Clear();
        _batches.Window.Clear();
    }

    private void Adjust(LatencyTrack track)
    {
        track.Window.Sort();
        var median = track.Window[track.Window.Count / 2];
        track.Window.Clear();
        track.RecentMedians.Enqueue((time.GetTimestamp(), median));
        while (track.RecentMedians.Count > BaselineWindows || (track.RecentMedians.Count > 3 && time.GetElapsedTime(track.RecentMedians.Peek().At) > BaselineAge))
        {
            track.RecentMedians.Dequeue();
        }

        var baseline = Math.Max(0.05, track.RecentMedians.Min(m => m.Median));
        var self = SelfDelayMs();
        var allowed = (Tolerance * baseline) + SlackMs + self;
        if (track == _batches)
        {
            // Batches start when single requests have already grown the limit, so their first window has queued: the
            // fastest batch answer, not a window's median, is their unqueued time. And a batch may wait no longer than
            // a single request may, since a helpdesk agent's click queues behind whole batches.
            baseline = Math.Max(0.05, Math.Min(baseline, track.Lowest));
            var single = _singles.RecentMedians.Count > 0 ? _singles.RecentMedians.Min(m => m.Median) : baseline;
            allowed = baseline + ((Tolerance - 1) * single) + SlackMs + self;
        }

        var gradient = Math.Clamp(allowed / Math.Max(0.05, median), 0.5, 1.0);
        _slowStart &= gradient >= 1;
        var growth = _slowStart ? _limit : Math.Max(1, Math.Sqrt(_limit) / 2);
        var target = _limit * gradient + (gradient >= 1 ? growth : 0);
        _limit = Math.Clamp(target < _limit ? (_limit + target) / 2 : target, 1, _ceiling);
        WakeWaiters();
    }

    /// <summary>How long an answer may wait for the portal's own core, from its CPU per answer and how busy its cores were since the last adjustment.</summary>
    private double SelfDelayMs()
    {
        if (load is null)
        {
            return 0;
        }

        var (busy, answered) = (load.BusyTime, load.Answers);
        var worked = (busy - _busyAtAdjust).TotalMilliseconds;
        var answers = answered - _answersAtAdjust;
        var wall = time.GetElapsedTime(_adjustedAt).TotalMilliseconds * load.Cores;
        (_busyAtAdjust, _answersAtAdjust, _adjustedAt) = (busy, answered, time.GetTimestamp());
        if (answers == 0 || wall <= 0)
        {
            return 0;
        }

        // An answer waits for the portal as a customer waits in a queue of one server: its work per answer times
        // u / (1 - u) for cores busy u of the time. Nothing when the portal is mostly idle; at most every request in
        // flight ahead of it.
        var perAnswer = worked / answers;
        var busyShare = Math.Clamp(worked / wall, 0, 0.95);
        var queued = Math.Min(perAnswer * busyShare / (1 - busyShare), perAnswer * Math.Max(1, _inFlight) / load.Cores);
        return Math.Clamp(queued, 0, MaxSelfDelayMs);
    }

    private void Release()
    {
        lock (_gate)
        {
            _inFlight--;
            WakeWaiters();
        }
    }

    private void WakeWaiters()
    {
        var free = Permits - _inFlight;
        while (free-- > 0 && _waiters.TryDequeue(out var waiter))
        {
            if (!waiter.TrySetResult())
            {
                free++;
            }
        }
    }

    /// <summary>The latencies of one kind of request: the current window and the medians of the recent ones.</summary>
    private sealed class LatencyTrack
    {
        public List<double> Window { get; } = [];

        public Queue<(long At, double Median)> RecentMedians { get; } = new();

        /// <summary>The fastest answer of the recent past (renewed after <see cref="BaselineAge"/>).</summary>
        public double Lowest { get; private set; } = double.MaxValue;

        private long _lowestAt;

        public void Saw(double latency, TimeProvider time)
        {
            if (latency < Lowest || time.GetElapsedTime(_lowestAt) > BaselineAge)
            {
                (Lowest, _lowestAt) = (latency, time.GetTimestamp());
            }
        }
    }

    private sealed class Lease(AdaptiveConcurrencyLimit owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release();
            }
        }
    }
}
