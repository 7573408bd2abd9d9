namespace ImportPortal.Resources;

/// <summary>Anchors the preflight report texts PreflightResource.resx (English) and PreflightResource.vi.resx (Vietnamese).</summary>
public sealed class PreflightResource;
