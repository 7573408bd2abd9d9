using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Counts the problems of every mapped entity of a source, keeping a few example rows for each, and collects the
/// distinct link targets so they can be checked on the site in batches at the end. Memory stays bounded by the
/// number of distinct problems and link targets, not by the number of rows.
/// </summary>
public sealed class ValidationTally(int examplesPerProblem = 5)
{
    private readonly Dictionary<(string Code, EntityKind Entity, string Field), Counter> _problems = [];
    private readonly Dictionary<LinkCheck, LinkUse> _links = [];
    private readonly Dictionary<EntityKind, long> _entities = [];
    private readonly LeftOutCounter _leftOut = new(examplesPerProblem);
    private long _records;
    private long _withErrors;

    public void Add(string table, long row, IReadOnlyList<MappedEntity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        _records++;
        foreach (var entity in entities)
        {
            _entities[entity.Entity] = _entities.GetValueOrDefault(entity.Entity) + 1;
            _withErrors += entity.HasErrors ? 1 : 0;
            foreach (var problem in entity.Problems)
            {
                Count(problem.Code, entity.Entity, problem.Field, problem.Severity, [new ProblemExample(table, row, problem.Args)], 1);
            }

            foreach (var link in entity.LinkChecks)
            {
                if (!_links.TryGetValue(link.Check, out var use))
                {
                    _links[link.Check] = use = new LinkUse(entity.Entity, link.Field);
                }

                use.Count++;
                if (use.Rows.Count < examplesPerProblem)
                {
                    use.Rows.Add((table, row));
                }
            }
        }
    }

    /// <summary>Counts records of row <paramref name="row"/> that no entity took (see <see cref="CompiledProfile.MapRecord"/>).</summary>
    public void LeftOut(string table, string? child, long row, int count) => _leftOut.Add(table, child, row, count);

    /// <summary>
    /// Checks every distinct link target on the site, one batched lookup per doctype, and returns the summary; with the
    /// profile, records no entity took are listed with the filters of the entities that read them.
    /// </summary>
    public async Task<ValidationReport> FinishAsync(IFrappeSite site, CancellationToken ct, MappingProfile? profile = null)
    {
        var missing = await LinkChecker.FindMissingAsync(_links.Keys, site, ct: ct);
        foreach (var check in missing)
        {
            var use = _links[check];
            var examples = use.Rows.Select(r => new ProblemExample(r.Table, r.Row, [use.Field, check.Doctype, check.Value])).ToList();
            Count(MappingProblemCodes.LinkMissing, use.Entity, use.Field, MappingSeverity.Error, examples, use.Count);
        }

        var tallies = _problems
            .Select(p => new ProblemTally(p.Key.Code, p.Key.Entity, p.Key.Field, p.Value.Severity, p.Value.Count, p.Value.Examples))
            .OrderByDescending(t => t.Severity).ThenByDescending(t => t.Count)
            .ToList();
        return new ValidationReport(_records, new Dictionary<EntityKind, long>(_entities), _withErrors, tallies, _links.Count, _leftOut.Tallies(profile));
    }

    private void Count(string code, EntityKind entity, string field, MappingSeverity severity, IEnumerable<ProblemExample> examples, long occurrences)
    {
        if (!_problems.TryGetValue((code, entity, field), out var counter))
        {
            _problems[(code, entity, field)] = counter = new Counter(severity);
        }

        counter.Count += occurrences;
        counter.Examples.AddRange(examples.Take(examplesPerProblem - counter.Examples.Count));
    }

    private sealed class Counter(MappingSeverity severity)
    {
        public MappingSeverity Severity { get; } = severity;

        public long Count { get; set; }

        public List<ProblemExample> Examples { get; } = [];
    }

    private sealed class LinkUse(EntityKind entity, string field)
    {
        public EntityKind Entity { get; } = entity;

        public string Field { get; } = field;

        public long Count { get; set; }

        /// <summary>The first rows using the target, shown as examples if it turns out missing.</summary>
        public List<(string Table, long Row)> Rows { get; } = [];
    }
}
