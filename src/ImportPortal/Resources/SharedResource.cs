namespace ImportPortal.Resources;

/// <summary>Anchors the shared resource files SharedResource.resx (English) and SharedResource.vi.resx (Vietnamese).</summary>
public sealed class SharedResource;
