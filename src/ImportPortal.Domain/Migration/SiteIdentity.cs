using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// How a record's document is recognised on the site without the ledger: by its external-id field when the
/// profile writes one, and by a natural key (organisation name, contact e-mail or, without one, its phone, user e-mail, ticket type, team). Tickets and messages without an
/// external-id field have none: after an unknown send they cannot be verified, so they are never sent blind.
/// </summary>
public sealed record SiteIdentity(string Field, string Value)
{
    /// <summary>The surest way to recognise the record's document: its external id, else its natural key; null when it has neither.</summary>
    public static SiteIdentity? Of(WorkItem item) => AllOf(item) is [var first, ..] ? first : null;

    /// <summary>
    /// Every way to recognise the record's document, surest first: its external id, then its natural key. A document
    /// someone made by hand (a contact with the same e-mail) has no external id, so the natural key is checked too.
    /// </summary>
    public static IReadOnlyList<SiteIdentity> AllOf(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var body = item.Payload.Insert;
        var identities = new List<SiteIdentity>(2);
        if (item.ExternalIdField is { Length: > 0 } field && Text(body[field]) is { Length: > 0 } id)
        {
            identities.Add(new SiteIdentity(field, id));
        }

        if ((NaturalKey(item.Doctype, body) ?? AgentKey(item)) is { } natural)
        {
            identities.Add(natural);
        }

        return identities;
    }

    private static SiteIdentity? NaturalKey(string doctype, JsonObject body) => doctype switch
    {
        "HD Customer" when Text(body["customer_name"]) is { Length: > 0 } name => new SiteIdentity("name", name),
        "Customer" when Text(body["customer_name"]) is { Length: > 0 } name => new SiteIdentity("customer_name", name),
        "Contact" when PrimaryEmail(body) is { Length: > 0 } email => new SiteIdentity("email_id", email),

        // A customer without an e-mail is their number: Frappe keeps a contact's primary phone in "phone" and its
        // primary mobile number in "mobile_no".
        "Contact" when PrimaryNumber(body, "is_primary_phone") is { Length: > 0 } phone => new SiteIdentity("phone", phone),
        "Contact" when PrimaryNumber(body, "is_primary_mobile_no") is { Length: > 0 } mobile => new SiteIdentity("mobile_no", mobile),

        // Frappe names a user by its e-mail in lower case, and an HD Agent by its user.
        "User" when Text(body["email"]) is { Length: > 0 } email => new SiteIdentity("name", email.ToLowerInvariant()),
        "HD Agent" when Text(body["user"]) is { Length: > 0 } user => new SiteIdentity("name", user.ToLowerInvariant()),

        // A ticket type is named by what it says (Prompt naming: the name is sent).
        "HD Ticket Type" when Text(body["name"]) is { Length: > 0 } type => new SiteIdentity("name", type),

        // A team is named by its team_name (autoname field:team_name).
        "HD Team" when Text(body["team_name"]) is { Length: > 0 } team => new SiteIdentity("name", team),
        _ => null,
    };

    /// <summary>An HD Agent whose user is a reference (the user this run creates) is named after that user's key, its e-mail.</summary>
    private static SiteIdentity? AgentKey(WorkItem item) =>
        item.Doctype == "HD Agent" && item.Payload.References.FirstOrDefault(r => r.Field == "user") is { SourceKey.Length: > 0 } user
            ? new SiteIdentity("name", user.SourceKey.ToLowerInvariant())
            : null;

    private static string? PrimaryEmail(JsonObject body)
    {
        if (body["email_ids"] is JsonArray rows)
        {
            var primary = rows.OfType<JsonObject>().FirstOrDefault(r => Text(r["is_primary"]) is "1" or "true") ?? rows.OfType<JsonObject>().FirstOrDefault();
            return Text(primary?["email_id"]);
        }

        return Text(body["email_id"]);
    }

    private static string? PrimaryNumber(JsonObject body, string primary) =>
        body["phone_nos"] is JsonArray rows ? Text(rows.OfType<JsonObject>().FirstOrDefault(r => Text(r[primary]) is "1" or "true")?["phone"]) : null;

    private static string? Text(JsonNode? node) => node is JsonValue v ? v.ToString().Trim() : null;
}
