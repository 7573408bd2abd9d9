namespace ImportPortal.Mappings;

/// <summary>
/// What to preview: a profile against a site, which upload (and table of it) feeds each of the profile's tables, and
/// which rows: those numbered in <see cref="Rows"/>, else <see cref="FirstN"/> rows of each table, the first ones or,
/// with <see cref="Random"/>, a uniform random pick (<see cref="Seed"/> repeats a pick).
/// </summary>
public sealed record PreviewRequest(
    Guid ProfileId,
    Guid SiteId,
    IReadOnlyDictionary<string, TableBinding> Bindings,
    IReadOnlyList<long>? Rows = null,
    int FirstN = 5,
    bool Random = false,
    int? Seed = null);

/// <summary>An upload, and the table of it, that a profile table reads.</summary>
public sealed record TableBinding(Guid UploadId, string? Table);
