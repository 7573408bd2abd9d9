namespace ImportPortal.Domain.Mapping;

/// <summary>The codes of <see cref="FieldProblem"/>; each has a text in MappingResource.resx and MappingResource.vi.resx. Args[0] is always the field.</summary>
public static class MappingProblemCodes
{
    /// <summary>{0} field.</summary>
    public const string RequiredMissing = "Mapping.RequiredMissing";

    /// <summary>{0} field, {1} doctype.</summary>
    public const string RequiredUnmapped = "Mapping.RequiredUnmapped";

    /// <summary>{0} field, {1} value, {2} the options.</summary>
    public const string NotAnOption = "Mapping.NotAnOption";

    /// <summary>{0} field, {1} the limit, {2} the length found.</summary>
    public const string Truncated = "Mapping.Truncated";

    /// <summary>{0} field, {1} the limit, {2} the length found.</summary>
    public const string TooLong = "Mapping.TooLong";

    /// <summary>{0} field, {1} value.</summary>
    public const string InvalidEmail = "Mapping.InvalidEmail";

    /// <summary>{0} field, {1} value, {2} the zone assumed.</summary>
    public const string BadDate = "Mapping.BadDate";

    /// <summary>{0} field, {1} value.</summary>
    public const string UnknownValue = "Mapping.UnknownValue";

    /// <summary>{0} field, {1} value, {2} the fallback used.</summary>
    public const string UnknownValueFallback = "Mapping.UnknownValueFallback";

    /// <summary>{0} field, {1} doctype, {2} value.</summary>
    public const string LinkMissing = "Mapping.LinkMissing";

    /// <summary>{0} the key field, {1} the entity.</summary>
    public const string KeyMissing = "Mapping.KeyMissing";

    /// <summary>{0} field, {1} column.</summary>
    public const string ColumnMissing = "Mapping.ColumnMissing";

    /// <summary>{0} field, {1} doctype.</summary>
    public const string UnknownField = "Mapping.UnknownField";

    /// <summary>{0} field, {1} doctype.</summary>
    public const string ExternalIdMissing = "Mapping.ExternalIdMissing";

    /// <summary>{0} field, {1} zone.</summary>
    public const string UnknownTimeZone = "Mapping.UnknownTimeZone";

    /// <summary>{0} field, {1} value, {2} lookup.</summary>
    public const string LookupMissing = "Mapping.LookupMissing";

    /// <summary>{0} field, {1} the name: a ticket's assignee, named without an e-mail, is no agent the site knows by that name (the validation says).</summary>
    public const string AgentNotOnSite = "Mapping.AgentNotOnSite";

    /// <summary>{0} field, {1} the team, {2} its members: a team the site lacks has no member the run makes or the site knows, so it cannot be made (the validation says).</summary>
    public const string TeamWithoutMembers = "Mapping.TeamWithoutMembers";

    /// <summary>{0} field: a file has no web address to fetch it from.</summary>
    public const string AttachmentWithoutLink = "Mapping.AttachmentWithoutLink";

    /// <summary>{0} field, {1} the link's host, {2} the hosts files are fetched from (Portal:Runs:AttachmentHosts).</summary>
    public const string AttachmentHostNotAllowed = "Mapping.AttachmentHostNotAllowed";

    /// <summary>{0} field, {1} how many of the links tried failed, {2} how many were tried, {3} the answer (HTTP 403).</summary>
    public const string AttachmentLinkFailed = "Mapping.AttachmentLinkFailed";

    /// <summary>{0} field, {1} the doctype linked, {2} the organisation doctype.</summary>
    public const string CustomerDoctypeMismatch = "Mapping.CustomerDoctypeMismatch";

    /// <summary>{0} setting, {1} the site's Helpdesk version, {2} the style it needs.</summary>
    public const string ContactLinkStyleMismatch = "Mapping.ContactLinkStyleMismatch";

    /// <summary>{0} field, {1} the address left out of the list.</summary>
    public const string EmailLeftOut = "Mapping.EmailLeftOut";

    /// <summary>{0} field: an assignment is a ticket's, with the target <c>assign_to</c>; this one is not sent.</summary>
    public const string AssignmentIgnored = "Mapping.AssignmentIgnored";

    /// <summary>{0} field: tags are a ticket's, with the target <c>tags</c>; this one is not sent.</summary>
    public const string TagsIgnored = "Mapping.TagsIgnored";

    /// <summary>{0} the child table ("tickets.notes"), {1} the parent's doctype, {2} the table: no entity reads the parent there.</summary>
    public const string ParentMissing = "Mapping.ParentMissing";

    /// <summary>{0} field, {1} the contact's key (their phone): a ticket whose requester has no e-mail is linked to its contact and goes without <c>raised_by</c>, which Frappe then fills with the API user.</summary>
    public const string RequesterWithoutEmail = "Mapping.RequesterWithoutEmail";

    /// <summary>{0} field: a ticket with neither a requester e-mail nor a contact; Frappe shows the API user as who raised it.</summary>
    public const string RequesterMissing = "Mapping.RequesterMissing";

    public static IReadOnlyList<string> All { get; } =
    [
        RequiredMissing, RequiredUnmapped, NotAnOption, Truncated, TooLong, InvalidEmail, BadDate, UnknownValue,
        UnknownValueFallback, LinkMissing, KeyMissing, ColumnMissing, UnknownField, ExternalIdMissing, UnknownTimeZone,
        LookupMissing, CustomerDoctypeMismatch, ContactLinkStyleMismatch, AssignmentIgnored, EmailLeftOut, ParentMissing,
        AgentNotOnSite, TeamWithoutMembers, AttachmentWithoutLink, AttachmentHostNotAllowed, AttachmentLinkFailed, TagsIgnored,
        RequesterWithoutEmail, RequesterMissing,
    ];
}
