namespace ImportPortal.Runs;

/// <summary>Where a run stands. Pausing and Cancelling last until the in-flight records are finished and recorded.</summary>
public enum RunState
{
    Queued,
    Planning,
    Running,
    Pausing,
    Paused,
    Cancelling,
    Completed,
    CompletedWithErrors,
    Failed,
    Cancelled,
}

public static class RunStates
{
    /// <summary>The states no job works on (paused or ended), for queries: the complement of <see cref="IsActive"/>.</summary>
    public static readonly RunState[] Stopped = Enum.GetValues<RunState>().Where(s => !s.IsActive()).ToArray();

    public static bool IsFinished(this RunState state) =>
        state is RunState.Completed or RunState.CompletedWithErrors or RunState.Failed or RunState.Cancelled;

    /// <summary>A job is (or should be) working on it.</summary>
    public static bool IsActive(this RunState state) =>
        state is RunState.Queued or RunState.Planning or RunState.Running or RunState.Pausing or RunState.Cancelling;
}
