namespace ImportPortal.Domain.Migration;

/// <summary>
/// The details the portal writes beside an audited action on a run, in English: like <see cref="RecordTexts"/>, each key
/// is also a key of RunResource with the same English, and its Vietnamese is what the activity log shows the team.
/// </summary>
public static class AuditTexts
{
    /// <summary>{0} the site, {1} the profile.</summary>
    public const string SiteAndProfile = "AuditDetail.SiteAndProfile";

    public const string DryRun = "AuditDetail.DryRun";

    public const string KeptQuiet = "AuditDetail.KeptQuiet";

    public const string KeptQuietSendingSuspended = "AuditDetail.KeptQuietSendingSuspended";

    /// <summary>{0} the moment on the team's clock.</summary>
    public const string SendingFrom = "AuditDetail.SendingFrom";

    /// <summary>{0} and {1} the window's times of day, {2} their zone.</summary>
    public const string SendingOnly = "AuditDetail.SendingOnly";

    /// <summary>{0} the site.</summary>
    public const string Site = "AuditDetail.Site";

    public const string AllFailed = "AuditDetail.AllFailed";

    /// <summary>{0} how many records, {1} their ids (the first twenty).</summary>
    public const string RecordsWithIds = "AuditDetail.RecordsWithIds";

    /// <summary>{0} how many records.</summary>
    public const string Records = "AuditDetail.Records";

    /// <summary>{0} how many records, {1} the cause as the error list names it.</summary>
    public const string RecordsOfCause = "AuditDetail.RecordsOfCause";

    /// <summary>{0} the site, {1} how many records.</summary>
    public const string Deleted = "AuditDetail.Deleted";

    /// <summary>{0} the site, {1} how many documents.</summary>
    public const string Removal = "AuditDetail.Removal";

    /// <summary>{0} the site, {1} how many documents.</summary>
    public const string RemovalWithChanged = "AuditDetail.RemovalWithChanged";

    /// <summary>{0} looked for, {1} not there.</summary>
    public const string CheckEnded = "AuditDetail.CheckEnded";

    /// <summary>{0} removed, {1} kept, {2} failed.</summary>
    public const string RemovalEnded = "AuditDetail.RemovalEnded";

    /// <summary>{0} why it stopped (the site's words or the portal's sentence).</summary>
    public const string StoppedBy = "AuditDetail.StoppedBy";

    /// <summary>{0} the moment on the team's clock.</summary>
    public const string Waiting = "AuditDetail.Waiting";

    /// <summary>{0} the moment on the team's clock.</summary>
    public const string ResumedAsSet = "AuditDetail.ResumedAsSet";

    /// <summary>{0} the moment on the team's clock.</summary>
    public const string PausedForWindow = "AuditDetail.PausedForWindow";

    /// <summary>{0} the moment on the team's clock.</summary>
    public const string SendsUntil = "AuditDetail.SendsUntil";

    /// <summary>{0} how many documents, {1} which (the first twenty).</summary>
    public const string Recreated = "AuditDetail.Recreated";

    /// <summary>{0} how many messages.</summary>
    public const string DetachedDeleted = "AuditDetail.DetachedDeleted";

    /// <summary>{0} the messages the site kept.</summary>
    public const string DetachedKept = "AuditDetail.DetachedKept";

    /// <summary>{0} HD Settings flags, {1} assignment rules, {2} notifications changed, {3} what becomes of e-mail sending at the end.</summary>
    public const string Quiet = "AuditDetail.Quiet";

    public const string SendingResumedAtEnd = "AuditDetail.SendingResumedAtEnd";

    public const string SendingLeftSuspended = "AuditDetail.SendingLeftSuspended";

    /// <summary>{0} how many e-mails.</summary>
    public const string MailsDeleted = "AuditDetail.MailsDeleted";

    public const string WindowClosed = "AuditDetail.WindowClosed";

    /// <summary>{0} how long a quiet run may stay paused.</summary>
    public const string PausedTooLong = "AuditDetail.PausedTooLong";

    /// <summary>An empty list.</summary>
    public const string None = "AuditDetail.None";

    /// <summary>{0} the site's address, {1} its API key.</summary>
    public const string SiteCreated = "AuditDetail.SiteCreated";

    /// <summary>{0} the name before, {1} after: a site's or a mapping profile's (the key is kept as stored lines have it).</summary>
    public const string Renamed = "AuditDetail.SiteRenamed";

    /// <summary>{0} the site's address before, {1} after.</summary>
    public const string SiteMoved = "AuditDetail.SiteMoved";

    /// <summary>{0} the API key before, {1} after.</summary>
    public const string SiteKeyChanged = "AuditDetail.SiteKeyChanged";

    public const string SiteSecretReplaced = "AuditDetail.SiteSecretReplaced";

    public const string NoChange = "AuditDetail.NoChange";

    /// <summary>{0} the field, {1} the doctypes it was made on.</summary>
    public const string FieldCreatedOn = "AuditDetail.FieldCreatedOn";

    public const string NoFieldMissing = "AuditDetail.NoFieldMissing";

    /// <summary>{0} its size in bytes, {1} its SHA-256.</summary>
    public const string UploadFile = "AuditDetail.UploadFile";

    /// <summary>{0} the record's id, {1} its doctype, {2} its source key.</summary>
    public const string PayloadEdited = "AuditDetail.PayloadEdited";

    /// <summary>{0} the role (a term: <see cref="RoleTerm"/>).</summary>
    public const string Role = "AuditDetail.Role";

    /// <summary>Every key with its English format.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SiteAndProfile] = "site {0}, profile {1}",
        [DryRun] = "dry run",
        [KeptQuiet] = "site kept quiet",
        [KeptQuietSendingSuspended] = "site kept quiet, sending left suspended at the end",
        [SendingFrom] = "sending from {0}",
        [SendingOnly] = "sending only {0}–{1} {2}",
        [Site] = "site {0}",
        [AllFailed] = "all failed records",
        [RecordsWithIds] = "{0} record(s): {1}",
        [Records] = "{0} record(s)",
        [RecordsOfCause] = "{0} record(s) of the cause {1}",
        [Deleted] = "site {0}, {1} record(s) to remove",
        [Removal] = "site {0}, {1} document(s) it created",
        [RemovalWithChanged] = "site {0}, {1} document(s) it created, changed ones too",
        [CheckEnded] = "{0} looked for, {1} not on the site",
        [RemovalEnded] = "{0} removed, {1} kept, {2} failed",
        [StoppedBy] = "stopped: {0}",
        [Waiting] = "planned; sending from {0}",
        [ResumedAsSet] = "sending from {0}, as set when it started",
        [PausedForWindow] = "paused until its window opens at {0}",
        [SendsUntil] = "sends until {0}, then waits for its window",
        [Recreated] = "{0} document(s) the site did not have: {1}",
        [DetachedDeleted] = "{0} detached message(s) deleted before they are sent again",
        [DetachedKept] = "the site kept {0}",
        [Quiet] = "HD Settings flags: {0}; assignment rules: {1}; notifications: {2}; e-mail sending suspended, {3}",
        [SendingResumedAtEnd] = "resumed at the end",
        [SendingLeftSuspended] = "left suspended at the end",
        [MailsDeleted] = "{0} unsent e-mail(s) deleted",
        [None] = "none",
        [SiteCreated] = "{0} key {1}",
        [Renamed] = "name {0} -> {1}",
        [SiteMoved] = "url {0} -> {1}",
        [SiteKeyChanged] = "key {0} -> {1}",
        [SiteSecretReplaced] = "secret replaced",
        [NoChange] = "no change",
        [FieldCreatedOn] = "{0} on {1}",
        [NoFieldMissing] = "none missing",
        [UploadFile] = "{0} bytes, sha256 {1}",
        [PayloadEdited] = "record {0}: {1} {2}",
        [Role] = "role {0}",
        [WindowClosed] = "its sending window closed: the helpdesk is the team's again until it opens; the run silences it again then",
        [PausedTooLong] = "paused for longer than {0}: the helpdesk is not kept silent any longer; resuming the run silences it again",
    };

    /// <summary>A portal role's name (<c>Role.Admin</c> in SharedResource), in English as the portal names it.</summary>
    public static PortalArg RoleTerm(string role) => PortalArg.Term($"Role.{role}", role);

    /// <summary>A list of names, or "none" in the reader's words.</summary>
    public static PortalArg List(IEnumerable<string> names) =>
        string.Join(", ", names) is { Length: > 0 } text ? PortalArg.Value(text) : PortalArg.Term(None, All[None]);
}
