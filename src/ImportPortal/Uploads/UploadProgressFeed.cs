namespace ImportPortal.Uploads;

/// <summary>
/// Tells open pages how profiling goes, so none of them polls the database. The database stays the truth:
/// a page that opens later (or after a restart) reads the stored state first.
/// </summary>
public sealed class UploadProgressFeed
{
    private readonly Lock _gate = new();
    private readonly List<Action<UploadProgress>> _listeners = [];

    public IDisposable Subscribe(Action<UploadProgress> listener)
    {
        lock (_gate)
        {
            _listeners.Add(listener);
        }

        return new Subscription(this, listener);
    }

    public void Publish(UploadProgress progress)
    {
        Action<UploadProgress>[] listeners;
        lock (_gate)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener(progress);
        }
    }

    private void Unsubscribe(Action<UploadProgress> listener)
    {
        lock (_gate)
        {
            _listeners.Remove(listener);
        }
    }

    private sealed class Subscription(UploadProgressFeed feed, Action<UploadProgress> listener) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(listener);
    }
}
