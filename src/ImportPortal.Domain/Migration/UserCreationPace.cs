using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// Frappe refuses a new user once more than <c>throttle_user_limit</c> users (60 unless the site's config says
/// otherwise) were created in the last minute: <c>User.before_insert</c> throws "Throttled" (417 ValidationError) before
/// anything is written. The run keeps to <see cref="LoopOptions.UserCreationsPerMinute"/> user inserts in any
/// <see cref="LoopOptions.UserCreationWindow"/>, and after a refusal (a lower limit, or users created by someone else)
/// sends no user until a whole window has passed. Every wait is shown on the dashboard and ends early when the
/// operator pauses or cancels.
/// </summary>
public sealed class UserCreationPace(LoopOptions options, TimeProvider time, Func<bool> stopRequested, Action<SiteWait?> waiting)
{
    /// <summary>How often a wait looks whether the operator asked the run to stop.</summary>
    private static readonly TimeSpan StopCheck = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _sent = new();
    private DateTimeOffset _refusedUntil = DateTimeOffset.MinValue;

    /// <summary>A pace that never waits (a sender used outside a run's loop).</summary>
    public static UserCreationPace None(LoopOptions options, TimeProvider time) =>
        new(options with { UserCreationsPerMinute = 0 }, time, () => false, _ => { });

    /// <summary>
    /// Frappe's refusal of a user insert for the creation throttle: a ValidationError raised in
    /// <c>throttle_user_creation</c>, as the traceback says whatever the language; its message, "Throttled", is
    /// translated into the API user's language, so it only counts when the site sends no traceback.
    /// </summary>
    public static bool IsThrottle(FrappeError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.ExcType == "ValidationError"
            && (error.Traceback?.Contains("in throttle_user_creation", StringComparison.Ordinal) == true
                || error.Messages.Any(m => m.Trim().Equals("Throttled", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>When the next user may be sent: now, or when the oldest send of a full window leaves it, or a refusal's window ends.</summary>
    public DateTimeOffset NextSlot()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            while (_sent.Count > 0 && _sent.Peek() <= now - options.UserCreationWindow)
            {
                _sent.Dequeue();
            }

            var slot = options.UserCreationsPerMinute > 0 && _sent.Count >= options.UserCreationsPerMinute
                ? _sent.ElementAt(_sent.Count - options.UserCreationsPerMinute) + options.UserCreationWindow
                : now;
            return slot > _refusedUntil ? slot : _refusedUntil;
        }
    }

    /// <summary>Waits for the next slot and takes it; false when the operator stopped the run meanwhile (nothing sent).</summary>
    public async Task<bool> TakeTurnAsync(CancellationToken ct)
    {
        var shown = false;
        try
        {
            for (var slot = NextSlot(); slot > time.GetUtcNow(); slot = NextSlot())
            {
                if (stopRequested())
                {
                    return false;
                }

                if (!shown)
                {
                    waiting(new SiteWait("Throttled", slot, slot, SiteWaitCause.UserCreationLimit));
                    shown = true;
                }

                var left = slot - time.GetUtcNow();
                await Task.Delay(left < StopCheck ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : StopCheck, time, ct);
            }

            lock (_gate)
            {
                _sent.Enqueue(time.GetUtcNow());
            }

            return true;
        }
        finally
        {
            if (shown)
            {
                waiting(null);
            }
        }
    }

    /// <summary>The site refused a user for its throttle: no user goes until a whole window has passed.</summary>
    public void Refused()
    {
        lock (_gate)
        {
            _refusedUntil = time.GetUtcNow() + options.UserCreationWindow;
        }
    }
}
