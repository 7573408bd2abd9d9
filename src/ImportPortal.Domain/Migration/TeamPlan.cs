using ImportPortal.Domain.Mapping;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// While a run is planned: the teams its rows name, each once, with the members every one of those rows gives (the
/// agents who answered the team's tickets). A team is planned from its first row, with all of its members, after the
/// sources are read; there are a handful of teams, however long the export.
/// </summary>
public sealed class TeamPlan
{
    private readonly Dictionary<string, Planned> _teams = new(StringComparer.Ordinal);

    public int Count => _teams.Count;

    /// <summary>Notes a team a row names, and the members it gives.</summary>
    public void Add(MappedEntity team, string table, long row)
    {
        ArgumentNullException.ThrowIfNull(team);
        if (!_teams.TryGetValue(team.SourceKey, out var planned))
        {
            _teams[team.SourceKey] = planned = new Planned(team, table, row, []);
        }

        planned.Members.AddRange(TeamMembers.Of(team.InsertBody));
    }

    /// <summary>Each team as its first row mapped it, with every row's members, in the order the rows named them.</summary>
    public IEnumerable<(MappedEntity Team, string Table, long Row)> Teams()
    {
        foreach (var (first, table, row, members) in _teams.Values)
        {
            var body = first.InsertBody.DeepClone().AsObject();
            TeamMembers.Set(body, members);
            yield return (first with { InsertBody = body }, table, row);
        }
    }

    private sealed record Planned(MappedEntity First, string Table, long Row, List<string> Members);
}
