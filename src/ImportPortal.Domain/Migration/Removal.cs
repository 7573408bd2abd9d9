namespace ImportPortal.Domain.Migration;

/// <summary>What became of a document a run created when the operator asked to remove what the run created.</summary>
public enum RemovalOutcome
{
    /// <summary>Deleted from the site (or found gone already); its ledger line is gone too, so a later run creates it again.</summary>
    Removed = 1,

    /// <summary>Left on the site on purpose: someone changed it since, or something the run did not create needs it.</summary>
    Kept = 2,

    /// <summary>The site refused the delete for another reason, or never answered; asking again tries it again.</summary>
    Failed = 3,
}

/// <summary>Why a document was kept (the texts' keys: <c>Removal.Reason.{reason}</c>).</summary>
public enum RemovalReason
{
    /// <summary>Its last change was made by another user than the portal's: an agent worked on it after the run.</summary>
    ChangedSince = 1,

    /// <summary>A ticket with messages the run did not create: deleting it would leave them pointing at nothing.</summary>
    OtherMessages = 2,

    /// <summary>The site refused: another document links to it (LinkExistsError).</summary>
    Linked = 3,
}

/// <summary>A document of the site as the removal reads it before deleting it.</summary>
public sealed record SiteDocumentState(string Name, string? ModifiedBy, string? Modified);

/// <summary>Keep or delete: the decision on one document, and why when it is kept.</summary>
public sealed record RemovalVerdict(RemovalReason? KeptBecause, string? Note)
{
    public static RemovalVerdict Delete { get; } = new(null, null);

    public bool Deletes => KeptBecause is null;
}

/// <summary>
/// Taking a run back off its site: the documents it created go in the reverse of the order it sent them (a ticket's
/// files and messages before the ticket, contacts before their organisations, agents before their users), and any a
/// person has touched since stays. Nothing the run adopted or only updated is ever deleted.
/// </summary>
public static class Removal
{
    /// <summary>The stages whose created documents are removed, in the order they are removed.</summary>
    public static IReadOnlyList<RunStage> Order { get; } = RunStages.All.Reverse().ToList();

    /// <summary>
    /// Whether a document the run created may be deleted. <paramref name="portalUser"/> is the user of the site's API key:
    /// every save the run made (and every save Helpdesk made because of one) carries it. <paramref name="otherMessages"/>
    /// counts the messages still on a ticket once the run's own are gone.
    /// </summary>
    public static RemovalVerdict Judge(SiteDocumentState document, string portalUser, bool includeChanged, int otherMessages = 0)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (otherMessages > 0)
        {
            // Even when changed documents may go: the messages would stay behind, pointing at a ticket that is no more.
            return new RemovalVerdict(RemovalReason.OtherMessages, otherMessages.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!includeChanged && document.ModifiedBy is { Length: > 0 } by && !string.Equals(by, portalUser, StringComparison.OrdinalIgnoreCase))
        {
            return new RemovalVerdict(RemovalReason.ChangedSince, document.Modified is { Length: > 0 } at ? $"{by} · {at}" : by);
        }

        return RemovalVerdict.Delete;
    }
}
