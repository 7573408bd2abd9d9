namespace ImportPortal.Resources;

/// <summary>
/// Anchors RunResource.resx (English) and RunResource.vi.resx (Vietnamese): the run pages' texts (list, new run,
/// dashboard, error list, record detail) and the reasons <c>ImportPortal.Runs.RunService</c> refuses a command.
/// </summary>
public sealed class RunResource;
