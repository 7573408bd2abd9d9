using System.Text.Json.Nodes;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Preflight;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>Mapped entities as a Freshdesk profile would produce them for Helpdesk: bodies plus the references the loop resolves.</summary>
public static class HelpdeskEntities
{
    private static readonly MappingProfile Defaults = new("defaults", []);

    /// <summary>Each entity's doctype as a profile with the default settings (HD Customer organisations) has it.</summary>
    public static string DoctypeOf(EntityKind entity) => Defaults.DefaultDoctype(entity);

    public static MappedEntity Organisation(string key, string name) =>
        Entity(EntityKind.Organisation, key, new JsonObject { ["customer_name"] = name }, []);

    /// <summary>An agent's user, keyed by its e-mail as the account-export preset keys it.</summary>
    public static MappedEntity AgentUser(string email, string name) =>
        Entity(EntityKind.User, email, new JsonObject { ["email"] = email, ["first_name"] = name, ["send_welcome_email"] = 0 }, []);

    /// <summary>An agent's HD Agent, its user a reference to the agent's user.</summary>
    public static MappedEntity Agent(string email, string name) =>
        Entity(EntityKind.Agent, email, new JsonObject { ["agent_name"] = name }, [new EntityReference(EntityKind.User, email, "user")]);

    /// <summary>A contact with one primary e-mail, a member of organisation <paramref name="organisationKey"/> when given.</summary>
    public static MappedEntity Contact(string key, string email, string? organisationKey = null, bool externalId = false)
    {
        var body = new JsonObject
        {
            ["first_name"] = "Contact " + key,
            ["email_ids"] = new JsonArray(new JsonObject { ["email_id"] = email, ["is_primary"] = 1 }),
        };
        List<EntityReference> references = [];
        if (organisationKey is not null)
        {
            body["links"] = new JsonArray(new JsonObject { ["link_doctype"] = "HD Customer", ["link_name"] = "" });
            references.Add(new EntityReference(EntityKind.Organisation, organisationKey, "links.0.link_name"));
        }

        if (externalId)
        {
            body[ExternalIdFields.Fieldname] = "contact-" + key;
        }

        return Entity(EntityKind.Contact, key, body, references);
    }

    /// <summary>A customer Freshdesk knows by a number only, keyed by it as the presets key them: no e-mail row, one number row.</summary>
    public static MappedEntity Caller(string number, bool mobile = true) =>
        Entity(EntityKind.Contact, number, new JsonObject
        {
            ["first_name"] = "Khách " + number,
            ["phone_nos"] = new JsonArray(new JsonObject { ["phone"] = number, [mobile ? "is_primary_mobile_no" : "is_primary_phone"] = 1 }),
        }, []);

    /// <summary>
    /// A customer Freshdesk knows by neither e-mail nor number (a Facebook account), keyed by their Freshdesk id as the
    /// presets key them: a name only, and the key in the external-id field when <paramref name="externalId"/>.
    /// </summary>
    public static MappedEntity NameOnly(string id, string name, bool externalId = true)
    {
        var body = new JsonObject { ["first_name"] = name };
        if (externalId)
        {
            body[ExternalIdFields.Fieldname] = id;
        }

        return Entity(EntityKind.Contact, id, body, []);
    }

    /// <summary>A contact that joins its organisations as an HD Customer member (Helpdesk 1.28+): no links, a <see cref="MappedEntity.MemberOf"/> each.</summary>
    public static MappedEntity Member(string key, string email, params string[] organisationKeys) =>
        Contact(key, email) with { MemberOf = [.. organisationKeys.Select(o => new EntityReference(EntityKind.Organisation, o, "contacts"))] };

    /// <summary>A ticket raised by a contact, optionally of an organisation; a status and original dates for the finalise stage when given.</summary>
    public static MappedEntity Ticket(
        string key, string contactKey, string email, string? organisationKey = null, bool externalId = false,
        string? status = null, string? resolutionDate = null, string? firstRespondedOn = null)
    {
        var body = new JsonObject
        {
            ["subject"] = "Ticket " + key,
            ["raised_by"] = email,
            ["opening_date"] = "2023-03-01",
            ["opening_time"] = "09:15:00",
        };
        List<EntityReference> references = [new(EntityKind.Contact, contactKey, "contact")];
        if (organisationKey is not null)
        {
            references.Add(new EntityReference(EntityKind.Organisation, organisationKey, "customer"));
        }

        if (externalId)
        {
            body[ExternalIdFields.Fieldname] = "ticket-" + key;
        }

        var finaliseStatus = status is null ? null : new JsonObject { ["status"] = status };
        JsonObject? finaliseDates = null;
        if (resolutionDate is not null || firstRespondedOn is not null)
        {
            finaliseDates = [];
            if (resolutionDate is not null)
            {
                finaliseDates["resolution_date"] = resolutionDate;
            }

            if (firstRespondedOn is not null)
            {
                finaliseDates["first_responded_on"] = firstRespondedOn;
            }
        }

        return Entity(EntityKind.Ticket, key, body, references, finaliseStatus, finaliseDates);
    }

    /// <summary>A customer's message on a ticket (a received Communication).</summary>
    public static MappedEntity Reply(string key, string ticketKey, string sender, string date, bool externalId = false)
    {
        var body = new JsonObject
        {
            ["communication_type"] = "Communication",
            ["communication_medium"] = "Email",
            ["sent_or_received"] = "Received",
            ["sender"] = sender,
            ["subject"] = "Re: Ticket " + ticketKey,
            ["content"] = $"<p>Message {key}</p>",
            ["communication_date"] = date,
            ["reference_doctype"] = "HD Ticket",
            ["reference_name"] = "",
        };
        if (externalId)
        {
            body[ExternalIdFields.Fieldname] = "reply-" + key;
        }

        return Entity(EntityKind.Reply, key, body, [new EntityReference(EntityKind.Ticket, ticketKey, "reference_name")]);
    }

    private static MappedEntity Entity(
        EntityKind kind, string key, JsonObject body, IReadOnlyList<EntityReference> references,
        JsonObject? finaliseStatus = null, JsonObject? finaliseDates = null) =>
        new(kind, DoctypeOf(kind), key, body, finaliseStatus, finaliseDates, references, [], [], []);
}
