using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Quiet;

/// <summary>
/// The requests that keep a helpdesk quiet during a run and put it back afterwards (frappe-api.md §11, §13 steps 1
/// and 8): which HD Settings flags, which Assignment Rules, which admin-defined Notifications, which queued e-mails.
/// </summary>
public static class QuietPlan
{
    public const string Settings = "HD Settings";

    public const string AssignmentRule = "Assignment Rule";

    public const string EmailQueue = "Email Queue";

    public const string Notification = "Notification";

    /// <summary>
    /// The doctypes a run writes, whose admin-defined Notifications (frappe-api.md §11 path 3) would fire on each
    /// imported document: e-mail (held by the suspended queue anyway), but also system notifications to agents and
    /// Slack messages, which no queue holds back.
    /// </summary>
    public static IReadOnlyList<string> NotifyingDoctypes { get; } = ["HD Ticket", "Communication", "HD Ticket Comment", "Contact", "HD Customer", "Customer"];

    /// <summary>Mail to customers on insert, feedback mail on status change, tickets closed behind the import's back.</summary>
    public static IReadOnlyList<string> FlagFields { get; } = ["send_acknowledgement_email", "enable_email_ticket_feedback", "auto_close_tickets"];

    /// <summary>The doctypes whose documents queue customer mail (the reference_doctype of those mails).</summary>
    public static IReadOnlyList<string> MailDoctypes { get; } = ["HD Ticket", "Communication"];

    /// <summary>Email Queue rows read per request while looking for a run's unsent mail.</summary>
    public const int MailPage = 500;

    /// <summary>Filters for the enabled Assignment Rules on HD Ticket.</summary>
    public static JsonArray EnabledTicketRules() =>
        new(new JsonArray("document_type", "=", "HD Ticket"), new JsonArray("disabled", "=", 0));

    /// <summary>Filters for the enabled Notifications on the doctypes a run writes.</summary>
    public static JsonArray EnabledNotifications() =>
        new(new JsonArray("document_type", "in", new JsonArray([.. NotifyingDoctypes.Select(d => (JsonNode)d)])), new JsonArray("enabled", "=", 1));

    /// <summary>The originals, read before anything is changed. A flag this Helpdesk version does not have is left out.</summary>
    public static SiteQuietState Snapshot(
        JsonObject settings, IEnumerable<JsonObject> enabledRules, IEnumerable<JsonObject> enabledNotifications, bool resumeSending, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var flags = FlagFields.Where(settings.ContainsKey).Select(f => new QuietFlag(f, IsOn(settings[f]))).ToList();
        return new SiteQuietState
        {
            Phase = QuietPhase.Silencing,
            Flags = flags,
            Rules = Names(enabledRules),
            Notifications = Names(enabledNotifications),
            ResumeSending = resumeSending,
            SnapshotAt = now,
        };
    }

    /// <summary>One PUT of HD Settings turning off the flags that were on; null when none was.</summary>
    public static JsonObject? SilenceFlags(SiteQuietState state) => FlagChanges(state, _ => 0);

    /// <summary>One PUT of HD Settings putting back the flags the run turned off; null when it turned none off.</summary>
    public static JsonObject? RestoreFlags(SiteQuietState state) => FlagChanges(state, f => f.WasOn ? 1 : 0);

    /// <summary>The enabled rules the state does not know yet: enabled since its snapshot.</summary>
    public static IReadOnlyList<string> Added(SiteQuietState state, IEnumerable<JsonObject> enabledRules)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Names(enabledRules).Except(state.Rules, StringComparer.Ordinal).ToList();
    }

    public static JsonObject DisableRule() => new() { ["disabled"] = 1 };

    public static JsonObject EnableRule() => new() { ["disabled"] = 0 };

    public static JsonObject DisableNotification() => new() { ["enabled"] = 0 };

    public static JsonObject EnableNotification() => new() { ["enabled"] = 1 };

    /// <summary>
    /// Email Queue filters: unsent mail about documents of one doctype. The run's own are picked from these by name
    /// (<see cref="MailsAbout"/>): while sending is suspended only mail queued meanwhile waits, so a page or two
    /// answers what a lookup per hundred created names would (25 requests for 2,500 tickets).
    /// </summary>
    public static JsonArray UnsentMailAbout(string doctype) =>
        new(new JsonArray("status", "=", "Not Sent"), new JsonArray("reference_doctype", "=", doctype));

    /// <summary>The names of the listed mails (name, reference_name) that are about documents the run created.</summary>
    public static IEnumerable<string> MailsAbout(IEnumerable<JsonObject> mails, IReadOnlySet<string> created) =>
        mails.Where(m => m["reference_name"]?.ToString() is { } reference && created.Contains(reference))
            .Select(m => m["name"]?.ToString())
            .OfType<string>();

    private static List<string> Names(IEnumerable<JsonObject> documents) =>
        documents.Select(d => d["name"]?.ToString()).OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static JsonObject? FlagChanges(SiteQuietState state, Func<QuietFlag, int> value)
    {
        ArgumentNullException.ThrowIfNull(state);
        var changes = new JsonObject();
        foreach (var flag in state.Flags.Where(f => f.WasOn))
        {
            changes[flag.Field] = value(flag);
        }

        return changes.Count == 0 ? null : changes;
    }

    /// <summary>A Check value as Frappe returns it: 0/1, "0"/"1", true/false.</summary>
    private static bool IsOn(JsonNode? node) => node is JsonValue v && v.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => v.ToJsonString() is not ("0" or "0.0"),
        JsonValueKind.String => v.GetValue<string>().Trim() is not ("" or "0"),
        _ => false,
    };
}
