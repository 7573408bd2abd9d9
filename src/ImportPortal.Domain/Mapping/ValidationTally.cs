using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Counts the problems of every mapped entity of a source, keeping a few example rows for each, and collects the
/// distinct link targets so they can be checked on the site in batches at the end. Memory stays bounded by the
/// number of distinct problems and link targets, not by the number of rows. With <paramref name="attachments"/>, a file
/// whose link the run would not fetch is a problem of its own.
/// </summary>
public sealed class ValidationTally(int examplesPerProblem = 5, Migration.AttachmentOptions? attachments = null)
{
    private readonly Dictionary<(string Code, EntityKind Entity, string Field), Counter> _problems = [];
    private readonly Dictionary<LinkCheck, LinkUse> _links = [];
    private readonly Dictionary<EntityKind, long> _entities = [];
    private readonly LeftOutCounter _leftOut = new(examplesPerProblem);
    private readonly Dictionary<string, LinkUse> _agentNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TeamUse> _teams = new(StringComparer.Ordinal);
    private readonly HashSet<string> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Link, string Table, long Row)> _fileSamples = [];
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
            var linkProblem = entity.Entity == EntityKind.Attachment ? attachments?.LinkProblem(entity) : null;
            if (attachments is not null && entity.Entity == EntityKind.Attachment && linkProblem is null)
            {
                SampleFile(table, row, entity);
            }

            foreach (var problem in linkProblem is null ? entity.Problems : [.. entity.Problems, linkProblem])
            {
                Count(problem.Code, entity.Entity, problem.Field, problem.Severity, [new ProblemExample(table, row, problem.Args)], 1);
            }

            foreach (var link in entity.LinkChecks)
            {
                if (!_links.TryGetValue(link.Check, out var use))
                {
                    _links[link.Check] = use = new LinkUse(entity.Entity, link.Field);
                }

                Use(use, table, row);
            }

            Gather(table, row, entity);
        }
    }

    // What only the site can say of the agents and teams the rows name: whether it knows each agent named without an
    // e-mail, and whether each team it lacks has a member it knows.
    private void Gather(string table, long row, MappedEntity entity)
    {
        switch (entity.Entity)
        {
            case EntityKind.User when entity.SourceKey.Length > 0:
                _users.Add(entity.SourceKey);
                break;
            case EntityKind.Ticket when AssigneeName(entity) is { } assignee:
                if (!_agentNames.TryGetValue(assignee, out var named))
                {
                    _agentNames[assignee] = named = new LinkUse(EntityKind.Ticket, RecordAssignment.Field);
                }

                Use(named, table, row);
                break;
            case EntityKind.Team when entity.SourceKey.Length > 0:
                if (!_teams.TryGetValue(entity.SourceKey, out var team))
                {
                    _teams[entity.SourceKey] = team = new TeamUse();
                }

                Use(team.Rows, table, row);
                team.Members.UnionWith(TeamMembers.Of(entity.InsertBody));
                break;
        }
    }

    // A ticket's assignee named as Helpdesk shows them, not by e-mail; null when it has none.
    private static string? AssigneeName(MappedEntity ticket)
    {
        var assignee = ticket.Assign is { } assign ? assign[RecordAssignment.Field]?.ToString() : null;
        return assignee is { Length: > 0 } && !EmailAddress.IsValid(assignee) ? assignee : null;
    }

    private void Use(LinkUse use, string table, long row)
    {
        use.Count++;
        if (use.Rows.Count < examplesPerProblem)
        {
            use.Rows.Add((table, row));
        }
    }

    /// <summary>Counts records of row <paramref name="row"/> that no entity took (see <see cref="CompiledProfile.MapRecord"/>).</summary>
    public void LeftOut(string table, string? child, long row, int count) => _leftOut.Add(table, child, row, count);

    /// <summary>The links of the first few files, to try before the run: the whole source's links age alike.</summary>
    public const int FilesTried = 5;

    private void SampleFile(string table, long row, MappedEntity file)
    {
        if (_fileSamples.Count < FilesTried && file.InsertBody["file_url"]?.ToString() is { } link && !_fileSamples.Exists(s => s.Link == link))
        {
            _fileSamples.Add((link, table, row));
        }
    }

    /// <summary>
    /// Tries the first few files' links (<see cref="FilesTried"/>, their first byte only): Freshdesk signs its links for a limited time, and an
    /// export whose links have expired would fail every file. Those whose host refused them for good are one problem, with
    /// their rows; a busy or unreachable host says nothing yet.
    /// </summary>
    public async Task<IReadOnlyList<ProblemTally>> FileProblemsAsync(Migration.IAttachmentSource files, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        var failed = new List<(string Table, long Row, string Answer)>();
        foreach (var (link, table, row) in _fileSamples)
        {
            // Busy or unreachable now says nothing: the run will ask again.
            if (await files.ProbeAsync(link, ct) is { Kind: not Migration.RecordErrorKind.Transient } error)
            {
                // The portal's own reason (a redirect to a host files are not fetched from) is kept as its sentence, for the reader's language.
                failed.Add((table, row, error.HttpStatus is { } status ? $"HTTP {status}"
                    : error.Text is { } text ? Migration.PortalTextJson.WriteOne(text) ?? error.Message
                    : error.Message));
            }
        }

        const string field = "file_url";
        var tried = _fileSamples.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var count = failed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return failed.Count == 0 ? [] :
        [
            new ProblemTally(MappingProblemCodes.AttachmentLinkFailed, EntityKind.Attachment, field, MappingSeverity.Error, failed.Count,
                [.. failed.Select(f => new ProblemExample(f.Table, f.Row, [field, count, tried, f.Answer]))]),
        ];
    }

    /// <summary>
    /// Checks every distinct link target on the site, one batched lookup per doctype, and returns the summary; with the
    /// profile, records no entity took are listed with the filters of the entities that read them; with
    /// <paramref name="files"/>, the first files' links are tried.
    /// </summary>
    public async Task<ValidationReport> FinishAsync(IFrappeSite site, CancellationToken ct, MappingProfile? profile = null, Migration.IAttachmentSource? files = null)
    {
        if (files is not null)
        {
            foreach (var problem in await FileProblemsAsync(files, ct))
            {
                Count(problem.Code, problem.Entity, problem.Field, problem.Severity, problem.Examples, problem.Count);
            }
        }

        var missing = await LinkChecker.FindMissingAsync(_links.Keys, site, ct: ct);
        foreach (var check in missing)
        {
            var use = _links[check];
            var examples = use.Rows.Select(r => new ProblemExample(r.Table, r.Row, [use.Field, check.Doctype, check.Value])).ToList();
            Count(MappingProblemCodes.LinkMissing, use.Entity, use.Field, MappingSeverity.Error, examples, use.Count);
        }

        foreach (var problem in await SiteProblemsAsync(site, ct))
        {
            Count(problem.Code, problem.Entity, problem.Field, problem.Severity, problem.Examples, problem.Count);
        }

        var tallies = _problems
            .Select(p => new ProblemTally(p.Key.Code, p.Key.Entity, p.Key.Field, p.Value.Severity, p.Value.Count, p.Value.Examples))
            .OrderByDescending(t => t.Severity).ThenByDescending(t => t.Count)
            .ToList();
        return new ValidationReport(_records, new Dictionary<EntityKind, long>(_entities), _withErrors, tallies, _links.Count, _leftOut.Tallies(profile));
    }

    /// <summary>
    /// What only the site can say of the rows added so far, each with the rows it concerns (up to the examples kept): the
    /// agents named without an e-mail it does not know (one lookup of the names; that ticket's assignment would fail), and
    /// the teams it lacks (one lookup) with no member the run makes or it knows (the team could not be made, and its
    /// tickets' status would wait for it).
    /// </summary>
    public async Task<IReadOnlyList<ProblemTally>> SiteProblemsAsync(IFrappeSite site, CancellationToken ct)
    {
        var problems = new List<ProblemTally>();
        var names = _agentNames.Keys.Concat(_teams.Values.SelectMany(t => t.Members).Where(m => !EmailAddress.IsValid(m))).ToList();
        var agents = names.Count == 0 ? [] : await Migration.SiteLookup.FindAsync(site, "HD Agent", "agent_name", names, ct);
        foreach (var (name, use) in _agentNames.Where(a => !agents.ContainsKey(a.Key)))
        {
            problems.Add(new ProblemTally(MappingProblemCodes.AgentNotOnSite, EntityKind.Ticket, use.Field, MappingSeverity.Error, use.Count,
                [.. use.Rows.Select(r => new ProblemExample(r.Table, r.Row, [use.Field, name]))]));
        }

        var found = _teams.Count == 0 ? [] : await Migration.SiteLookup.FindAsync(site, TeamMembers.Doctype, "name", _teams.Keys, ct);
        var lacking = _teams.Where(t => !found.ContainsKey(t.Key)).ToList();
        var emails = lacking.SelectMany(t => t.Value.Members).Where(m => EmailAddress.IsValid(m) && !_users.Contains(m)).ToList();
        var users = emails.Count == 0 ? [] : await Migration.SiteLookup.FindAsync(site, "User", "name", emails, ct);
        foreach (var (team, use) in lacking)
        {
            var known = use.Members.Any(m => EmailAddress.IsValid(m) ? _users.Contains(m) || users.ContainsKey(m) : agents.ContainsKey(m));
            if (!known)
            {
                var members = string.Join(", ", use.Members.Take(5));
                problems.Add(new ProblemTally(MappingProblemCodes.TeamWithoutMembers, EntityKind.Team, TeamMembers.Field, MappingSeverity.Error, use.Rows.Count,
                    [.. use.Rows.Rows.Select(r => new ProblemExample(r.Table, r.Row, [TeamMembers.Field, team, members]))]));
            }
        }

        return problems;
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

    private sealed class TeamUse
    {
        public LinkUse Rows { get; } = new(EntityKind.Team, TeamMembers.Field);

        public HashSet<string> Members { get; } = new(StringComparer.OrdinalIgnoreCase);
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
