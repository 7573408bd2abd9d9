using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// A team's members: HD Team's <c>users</c>, rows of HD Team Member <c>{user}</c>, at least one (frappe-api.md, HD Team).
/// A profile fills them from a column of the rows that name the team (the agent who answered each ticket, by e-mail or
/// by the name Helpdesk shows): a row gives one or a few, comma-separated, and a run gathers every row's (the team is
/// planned once, from all of them). They are needed only to make a team the site lacks, so a row without one is no
/// problem; the run resolves each to a user when it makes the team.
/// </summary>
public static class TeamMembers
{
    public const string Doctype = "HD Team";

    /// <summary>The team's table of members.</summary>
    public const string Field = "users";

    /// <summary>The member row's link to its user.</summary>
    public const string Leaf = "user";

    /// <summary>The members a body names, each once, in the order they came.</summary>
    public static IReadOnlyList<string> Of(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body[Field] switch
        {
            JsonArray rows => Distinct(rows.OfType<JsonObject>().Select(r => r[Leaf] is JsonValue v ? v.ToString() : null).OfType<string>()),
            JsonValue text => Distinct(text.ToString().Split([',', ';'])),
            _ => [],
        };
    }

    /// <summary>Writes <paramref name="members"/> as the team's rows; none leaves the body without the field.</summary>
    public static void Set(JsonObject body, IEnumerable<string> members)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(members);
        var rows = Distinct(members).Select(m => (JsonNode)new JsonObject { [Leaf] = m }).ToArray();
        if (rows.Length == 0)
        {
            body.Remove(Field);
            return;
        }

        body[Field] = new JsonArray(rows);
    }

    /// <summary>Whether <paramref name="target"/> of <paramref name="doctype"/> is a team's members: gathered, never required of one row.</summary>
    public static bool Are(string doctype, string target) => doctype == Doctype && target == Field;

    private static List<string> Distinct(IEnumerable<string> members)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return members.Select(m => m.Trim()).Where(m => m.Length > 0 && seen.Add(m)).ToList();
    }
}
