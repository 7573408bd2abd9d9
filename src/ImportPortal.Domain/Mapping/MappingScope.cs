using ImportPortal.Domain.Sources;

namespace ImportPortal.Domain.Mapping;

/// <summary>What mapping one entity of one record collects: problems pinned to the field being written, references, link checks.</summary>
internal sealed class MappingScope(SourceRecord record, string? parentKey)
{
    public SourceRecord Record { get; } = record;

    public string? ParentKey { get; } = parentKey;

    public string Field { get; set; } = "";

    public List<FieldProblem> Problems { get; } = [];

    public List<EntityReference> References { get; } = [];

    public List<FieldLinkCheck> LinkChecks { get; } = [];

    public List<EntityReference> MemberOf { get; } = [];

    /// <summary>Whether the field being written already has a problem of this code (two checks of one rule report once).</summary>
    public bool Has(string code) => Problems.Exists(p => p.Field == Field && p.Code == code);

    public void Warn(string code, params string[] args) => Add(code, MappingSeverity.Warning, args);

    public void Error(string code, params string[] args) => Add(code, MappingSeverity.Error, args);

    private void Add(string code, MappingSeverity severity, string[] args) =>
        Problems.Add(new FieldProblem(Field, code, [Field, .. args], severity));
}
