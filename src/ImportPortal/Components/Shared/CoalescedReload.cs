namespace ImportPortal.Components.Shared;

/// <summary>
/// A component's reload asked for from a job's thread after every batch: one reload at a time on the component's
/// dispatcher, and one more when a batch came in meanwhile, so a fast job never queues a reload per batch.
/// </summary>
internal sealed class CoalescedReload(Func<Func<Task>, Task> dispatch, Func<Task> reload)
{
    private int _reloading;
    private int _pending;

    /// <summary>Asks for a reload (any thread).</summary>
    public void Request()
    {
        Interlocked.Exchange(ref _pending, 1);
        if (Interlocked.Exchange(ref _reloading, 1) == 0)
        {
            _ = dispatch(ReloadWhilePendingAsync);
        }
    }

    private async Task ReloadWhilePendingAsync()
    {
        do
        {
            try
            {
                while (Interlocked.Exchange(ref _pending, 0) == 1)
                {
                    await reload();
                }
            }
            catch (OperationCanceledException)
            {
                // The component closed while it read (its reads are given up with it): nothing is left to show.
                return;
            }
            finally
            {
                Interlocked.Exchange(ref _reloading, 0);
            }
        }
        while (Volatile.Read(ref _pending) == 1 && Interlocked.Exchange(ref _reloading, 1) == 0);
    }
}
