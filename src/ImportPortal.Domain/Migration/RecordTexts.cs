using System.Collections.Frozen;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// The sentences the portal writes on a failed record or a stopped run, in English: each key is also a key of RunResource, whose
/// English text must be the same (a unit test holds them together) and whose Vietnamese text is what the team reads.
/// The arguments are numbered as each format uses them.
/// </summary>
public static class RecordTexts
{
    /// <summary>{0} the entity waited on, {1} its key, {2} how it failed.</summary>
    public const string DependencyFailed = "Error.DependencyFailed";

    /// <summary>{0} the entity waited on, {1} its key.</summary>
    public const string DependencyMissing = "Error.DependencyMissing";

    public const string Skipped = "Error.Skipped";

    public const string NotYet = "Error.NotYet";

    /// <summary>{0} the entity of the message that failed, {1} its key.</summary>
    public const string EarlierMessageFailed = "Error.EarlierMessageFailed";

    /// <summary>{0} how many contacts did not join, {1} how many in all, {2} why the first did not.</summary>
    public const string MembersNotJoined = "Error.MembersNotJoined";

    public const string TicketNotMapped = "Error.TicketNotMapped";

    /// <summary>{0} the agent's name.</summary>
    public const string NoAgentNamed = "Error.NoAgentNamed";

    /// <summary>{0} refusals in a row.</summary>
    public const string Throttled = "Error.Throttled";

    /// <summary>{0} the doctype.</summary>
    public const string CannotVerify = "Error.CannotVerify";

    /// <summary>{0} the team.</summary>
    public const string TeamWithoutMembers = "Error.TeamWithoutMembers";

    /// <summary>{0} the team, {1} its members (at most five, then "…").</summary>
    public const string TeamMembersUnknown = "Error.TeamMembersUnknown";

    public const string NoAttachmentHosts = "Error.NoAttachmentHosts";

    public const string AttachmentNoLink = "Error.AttachmentNoLink";

    /// <summary>{0} the link.</summary>
    public const string AttachmentNotALink = "Error.AttachmentNotALink";

    /// <summary>{0} the link's host, {1} the hosts files are fetched from.</summary>
    public const string AttachmentHostNotAllowed = "Error.AttachmentHostNotAllowed";

    /// <summary>{0} the host, {1} seconds.</summary>
    public const string AttachmentTimeout = "Error.AttachmentTimeout";

    /// <summary>{0} the host, {1} what went wrong (.NET's words).</summary>
    public const string AttachmentUnreachable = "Error.AttachmentUnreachable";

    /// <summary>{0} the host, {1} what went wrong (.NET's words).</summary>
    public const string AttachmentHostSilent = "Error.AttachmentHostSilent";

    /// <summary>{0} the host.</summary>
    public const string AttachmentRedirects = "Error.AttachmentRedirects";

    /// <summary>{0} the file's megabytes, {1} the most the site takes.</summary>
    public const string AttachmentTooLarge = "Error.AttachmentTooLarge";

    /// <summary>{0} the megabytes read before it stopped, {1} the most the site takes.</summary>
    public const string AttachmentTooLargeAtLeast = "Error.AttachmentTooLargeAtLeast";

    /// <summary>{0} the HTTP status, {1} its name.</summary>
    public const string AttachmentExpired = "Error.AttachmentExpired";

    /// <summary>{0} the host, {1} the HTTP status, {2} its name.</summary>
    public const string AttachmentHostBusy = "Error.AttachmentHostBusy";

    /// <summary>{0} the host, {1} the HTTP status, {2} its name.</summary>
    public const string AttachmentRefused = "Error.AttachmentRefused";

    // Why a run (or a validation) stopped, in the portal's words; {0} of the database's is SQLite's code and message.
    public const string SiteGone = "Error.SiteGone";

    public const string UploadGone = "Error.UploadGone";

    public const string ProfileGone = "Error.ProfileGone";

    public const string ProfileUploadGone = "Error.ProfileUploadGone";

    /// <summary>{0} SQLite's code and message.</summary>
    public const string DatabaseFull = "Error.DatabaseFull";

    /// <summary>{0} SQLite's code and message.</summary>
    public const string DatabaseIo = "Error.DatabaseIo";

    /// <summary>{0} SQLite's code and message.</summary>
    public const string DatabaseReadOnly = "Error.DatabaseReadOnly";

    /// <summary>{0} SQLite's code and message.</summary>
    public const string DatabaseCorrupt = "Error.DatabaseCorrupt";

    /// <summary>{0} SQLite's code and message.</summary>
    public const string DatabaseRefused = "Error.DatabaseRefused";

    /// <summary>{0} the exception's type, {1} its message.</summary>
    public const string Unexpected = "Error.Unexpected";

    /// <summary>{0} the file system's message (it names the file).</summary>
    public const string DiskFull = "Error.DiskFull";

    private static readonly FrozenDictionary<string, string> English = new Dictionary<string, string>
    {
        [DependencyFailed] = "dependency failed: {0} {1} — {2}",
        [DependencyMissing] = "dependency missing: {0} {1} was not imported",
        [Skipped] = "skipped",
        [NotYet] = "not imported yet",
        [EarlierMessageFailed] = "an earlier message of this ticket failed ({0} {1}); messages are sent in order",
        [MembersNotJoined] = "{0} of {1} member contacts not joined; {2}",
        [TicketNotMapped] = "the ticket could not be mapped",
        [NoAgentNamed] = "No agent called \"{0}\" on the site, so the ticket cannot be assigned to them. Add the agent in Helpdesk (with that name) and retry, map the agent column to e-mails, or skip the assignment: the ticket then stays unassigned.",
        [Throttled] = "Throttled: the site refused this user {0} times in a row, a minute apart (Frappe creates at most throttle_user_limit users a minute, 60 unless its config says otherwise). Retry it later, or ask the site's administrator to raise throttle_user_limit.",
        [CannotVerify] = "A send of this {0} got no answer and the site has no external-id field to check whether it was created. Look for it on the site, then retry or skip it.",
        [TeamWithoutMembers] = "The team \"{0}\" is not on the site, and Helpdesk makes a team only with at least one member; no row names one. Create the team on the site (Helpdesk admin, Teams) and retry this record, or map the team's users to its agents' e-mails, or skip it: its tickets then get no team.",
        [TeamMembersUnknown] = "The team \"{0}\" is not on the site, and none of its members ({1}) is a user or an agent there; Helpdesk makes a team only with at least one member. Create the team on the site (Helpdesk admin, Teams) and retry this record, or map the team's users to its agents' e-mails, or skip it: its tickets then get no team.",
        [NoAttachmentHosts] = "This portal fetches no attachments (Portal:Runs:AttachmentHosts is empty). Set the hosts the export's files are kept on and retry, or skip the attachments.",
        [AttachmentNoLink] = "The attachment has no link in the export, so there is nothing to fetch. Skip it, or map file_url to the column that holds its link and retry.",
        [AttachmentNotALink] = "The attachment's link \"{0}\" is not a web address. Skip it, or map file_url to the column that holds its link and retry.",
        [AttachmentHostNotAllowed] = "The attachment's link points at {0}, which is not among the hosts attachments are fetched from ({1}). If the export's files really are kept there, add it to Portal:Runs:AttachmentHosts and retry; otherwise skip it.",
        [AttachmentTimeout] = "The attachment did not arrive from {0} within {1} s. Retry it later.",
        [AttachmentUnreachable] = "The attachment could not be fetched from {0} ({1}). Retry it later.",
        [AttachmentHostSilent] = "The attachment's host {0} did not answer ({1}). Retry it later.",
        [AttachmentRedirects] = "The attachment's link redirected more than five times ({0}). Skip it, or fetch the file another way.",
        [AttachmentTooLarge] = "The file is larger ({0} MB) than the {1} MB the site takes (Frappe's max_file_size). Raise the site's max_file_size and Portal:Runs:AttachmentMaxMegabytes, then retry; or skip it.",
        [AttachmentTooLargeAtLeast] = "The file is larger ({0} MB or more) than the {1} MB the site takes (Frappe's max_file_size). Raise the site's max_file_size and Portal:Runs:AttachmentMaxMegabytes, then retry; or skip it.",
        [AttachmentExpired] = "The attachment's link answered {0} {1}: Freshdesk's attachment links expire, and this one has, or the file is gone. Export from Freshdesk again, upload the new export and start a run with it (what is imported already is found, not made twice); or skip this file.",
        [AttachmentHostBusy] = "{0} answered {1} {2} for the attachment. Retry it later.",
        [AttachmentRefused] = "{0} answered {1} {2} for the attachment. Skip it, or fetch the file another way.",
        [SiteGone] = "The site no longer exists or its secret cannot be read.",
        [UploadGone] = "An upload bound to the run no longer exists.",
        [ProfileGone] = "The profile no longer exists.",
        [ProfileUploadGone] = "An upload bound to the profile no longer exists.",
        [DatabaseFull] = "the portal's database could not grow: the disk of its data folder is full ({0})",
        [DatabaseIo] = "the portal's database could not be read or written: the disk of its data folder failed or is full ({0})",
        [DatabaseReadOnly] = "the portal's database is read-only: the portal's user cannot write its data folder ({0})",
        [DatabaseCorrupt] = "the portal's database file is damaged ({0})",
        [DatabaseRefused] = "the portal's database refused a write ({0})",
        [Unexpected] = "an unexpected error in the portal ({0}: {1})",
        [DiskFull] = "the portal could not write a file: its disk is full ({0})",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every key with its English format.</summary>
    public static IReadOnlyDictionary<string, string> All => English;
}
