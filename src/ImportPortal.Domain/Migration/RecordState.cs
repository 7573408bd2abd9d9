namespace ImportPortal.Domain.Migration;

/// <summary>
/// Where a record of a run stands. <see cref="InFlight"/> only between claim and outcome; a record found InFlight
/// after a crash becomes <see cref="Unknown"/> and is looked up on the site before anything is sent again.
/// </summary>
public enum RecordState
{
    Pending,
    InFlight,
    Unknown,
    Succeeded,
    Skipped,
    Failed,
}
