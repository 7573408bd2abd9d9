using System.Collections.Concurrent;
using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// Keeps the jobs the portal enqueues instead of storing them: a test runs them itself. Hangfire's storage is
/// process-wide (JobStorage.Current), so harnesses running in parallel would otherwise share, and dispose, one.
/// </summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    private readonly ConcurrentQueue<(Job Job, IState State)> _created = new();

    /// <summary>Each job as "Type.Method" with its state, in the order they were created.</summary>
    public IReadOnlyList<string> Created => _created.Select(c => $"{c.Job.Type.Name}.{c.Job.Method.Name} {c.State.Name}").ToList();

    /// <summary>The arguments of each job of that "Type.Method", in the order they were created.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> ArgumentsOf(string typeAndMethod) =>
        _created.Where(c => $"{c.Job.Type.Name}.{c.Job.Method.Name}" == typeAndMethod).Select(c => (IReadOnlyList<object?>)c.Job.Args.ToList()).ToList();

    /// <summary>When each scheduled job of that "Type.Method" was set to start, in the order they were created.</summary>
    public IReadOnlyList<DateTime> ScheduledAt(string typeAndMethod) =>
        _created.Where(c => $"{c.Job.Type.Name}.{c.Job.Method.Name}" == typeAndMethod && c.State is ScheduledState).Select(c => ((ScheduledState)c.State).EnqueueAt).ToList();

    public string Create(Job job, IState state)
    {
        _created.Enqueue((job, state));
        return _created.Count.ToString(CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
