namespace ImportPortal.Mappings;

/// <summary>What to preview: a profile against a site, which upload (and table of it) feeds each of the profile's tables, and which rows.</summary>
public sealed record PreviewRequest(Guid ProfileId, Guid SiteId, IReadOnlyDictionary<string, TableBinding> Bindings, IReadOnlyList<long>? Rows = null, int FirstN = 5);

/// <summary>An upload, and the table of it, that a profile table reads.</summary>
public sealed record TableBinding(Guid UploadId, string? Table);
