namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A ticket of the generated account export, with the values its HD Ticket must end up with.</summary>
public sealed record ExportTicket(
    int DisplayId,
    string Subject,
    string? Description,
    long RequesterId,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FirstRespondedAt,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<ExportNote> Notes,
    long? ResponderId = null,
    string? TicketType = null,
    long? GroupId = null)
{
    /// <summary>The files that came with the ticket's description: they go with its first message.</summary>
    public IReadOnlyList<ExportAttachment> Attachments { get; init; } = [];

    /// <summary>The ticket's Freshdesk tags (<c>&lt;tags&gt;&lt;tag&gt;&lt;name&gt;</c>), as the agents wrote them.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public string SourceId => DisplayId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Helpdesk's status for the Freshdesk one (Pending waits on the customer: Replied).</summary>
    public string HelpdeskStatus => Status switch
    {
        "Pending" => "Replied",
        _ => Status,
    };

    /// <summary>
    /// The source ids of the ticket's Communications in conversation order: the description first, then the public
    /// notes by their time, whatever order the export lists them in.
    /// </summary>
    public IEnumerable<string> CommunicationIds =>
        (Description is null ? [] : new[] { $"{SourceId}:description" })
            .Concat(Notes.Where(n => !n.Private).OrderBy(n => n.CreatedAt).Select(n => n.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
