using ImportPortal.Domain.Sources;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// What mapping one entity of one record collects: problems pinned to the field being written, references, link
/// checks. Lists are created on first use: most entities have no problems, and mapping runs per record.
/// </summary>
internal sealed class MappingScope(SourceRecord record, string? parentKey)
{
    private List<FieldProblem>? problems;
    private List<EntityReference>? references;
    private List<FieldLinkCheck>? linkChecks;
    private List<EntityReference>? memberOf;

    public SourceRecord Record { get; } = record;

    public string? ParentKey { get; } = parentKey;

    public string Field { get; set; } = "";

    public IReadOnlyList<FieldProblem> Problems => problems ?? [];

    public IReadOnlyList<EntityReference> References => references ?? [];

    public IReadOnlyList<FieldLinkCheck> LinkChecks => linkChecks ?? [];

    public IReadOnlyList<EntityReference> MemberOf => memberOf ?? [];

    public void AddReference(EntityReference reference) => (references ??= []).Add(reference);

    public void AddLinkCheck(FieldLinkCheck check) => (linkChecks ??= []).Add(check);

    public void AddMembership(EntityReference reference) => (memberOf ??= []).Add(reference);

    /// <summary>Whether the field being written already has a problem of this code (two checks of one rule report once).</summary>
    public bool Has(string code) => problems is not null && problems.Exists(p => p.Field == Field && p.Code == code);

    public void Warn(string code, params string[] args) => Add(code, MappingSeverity.Warning, args);

    public void Error(string code, params string[] args) => Add(code, MappingSeverity.Error, args);

    private void Add(string code, MappingSeverity severity, string[] args) =>
        (problems ??= []).Add(new FieldProblem(Field, code, [Field, .. args], severity));
}
