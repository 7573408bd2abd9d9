namespace ImportPortal.Domain.Migration;

/// <summary>Hears how a run goes (for the live dashboard) and says when the operator wants it to stop.</summary>
public interface IRunObserver
{
    void StageStarted(RunStage stage);

    /// <summary>A batch of outcomes has been written to the store.</summary>
    void Saved(IReadOnlyList<RecordOutcome> outcomes);

    /// <summary>The site stopped answering the loop's reads and the loop waits for it (null: it answers again).</summary>
    void SiteWaiting(SiteWait? wait)
    {
    }

    /// <summary>True once pause or cancel was asked: no new record is started, in-flight ones finish and are recorded.</summary>
    bool StopRequested { get; }
}
