using ImportPortal.Persistence;

namespace ImportPortal.Components.Pages.ActivityLog;

/// <summary>Where the activity log shows only what was done on one subject.</summary>
public static class ActivityLink
{
    public static string OfRun(int number) => "activity?subject=" + Uri.EscapeDataString(AuditTrail.RunSubject(number));
}
