namespace ImportPortal.Jobs;

/// <summary>
/// Tells open pages how a background job goes, so none of them polls the database. The database stays the truth:
/// a page that opens later (or after a restart) reads the stored state first.
/// </summary>
public sealed class ProgressFeed<T>
{
    private readonly Lock _gate = new();
    private readonly List<Action<T>> _listeners = [];

    public IDisposable Subscribe(Action<T> listener)
    {
        lock (_gate)
        {
            _listeners.Add(listener);
        }

        return new Subscription(this, listener);
    }

    public void Publish(T progress)
    {
        Action<T>[] listeners;
        lock (_gate)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener(progress);
        }
    }

    private void Unsubscribe(Action<T> listener)
    {
        lock (_gate)
        {
            _listeners.Remove(listener);
        }
    }

    private sealed class Subscription(ProgressFeed<T> feed, Action<T> listener) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(listener);
    }
}
