namespace ImportPortal.Domain.Migration;

/// <summary>
/// The portal's own work, as every site's <see cref="AdaptiveConcurrencyLimit"/> sees it: this process's CPU time and
/// the answers of all its sites. Shared by the limits, so that two runs on two sites each read the work per answer of
/// the whole process, not all of its CPU divided by their own answers alone.
/// </summary>
/// <param name="busyTime">The CPU time this process has used so far.</param>
/// <param name="cores">The cores that work is spread over.</param>
public sealed class PortalLoad(Func<TimeSpan> busyTime, int cores)
{
    private long _answers;

    public int Cores { get; } = Math.Max(1, cores);

    public TimeSpan BusyTime => busyTime();

    /// <summary>Answers from every site so far.</summary>
    public long Answers => Interlocked.Read(ref _answers);

    public void Answered() => Interlocked.Increment(ref _answers);
}
