using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;

namespace ImportPortal.Tests.Unit.Mapping;

/// <summary>A profile saved from a preset takes in what the preset gained since, and keeps what the operator changed.</summary>
public sealed class PresetUpdatesTests
{
    /// <summary>The account-export preset as a profile saved before it had agents, assignees and the spam filter: stored and read back.</summary>
    private static MappingProfile SavedBeforeAgents()
    {
        var preset = FreshdeskAccountExportPreset.Create();
        var older = preset with
        {
            Name = "Freshdesk tháng trước",
            Entities = [.. preset.Entities.Where(e => e.Entity is not (EntityKind.User or EntityKind.Agent)).Select(e => e.Entity == EntityKind.Ticket
                ? e with { Filter = null, Fields = [.. e.Fields.Where(f => f.Stage != FieldStage.Assign)] }
                : e)],
            Lookups = [.. preset.Lookups!.Where(l => l.Name != "agents.email")],
        };
        return MappingProfileJson.Deserialize(MappingProfileJson.Serialize(older));
    }

    [Fact]
    public void A_profile_saved_before_the_preset_gained_agents_assignees_and_the_spam_filter_is_offered_them_and_takes_them()
    {
        var saved = SavedBeforeAgents();

        var update = PresetUpdates.Find(saved);

        Assert.NotNull(update);
        Assert.Equal([(EntityKind.Ticket, RecordAssignment.Field, FieldStage.Assign)], update.Fields.Select(f => (f.Entity.Entity, f.Field.Target, f.Field.Stage)));
        Assert.Equal([(EntityKind.Ticket, "spam")], update.Filters.Select(f => (f.Entity.Entity, f.Filter.Column)));
        Assert.Equal([EntityKind.User, EntityKind.Agent], update.Entities.Select(e => e.Entity));
        Assert.Equal(["agents.email"], update.Lookups.Select(l => l.Name));

        var updated = PresetUpdates.Apply(saved, update);

        Assert.Null(PresetUpdates.Find(updated));
        Assert.Equal(saved.Name, updated.Name);
        var ticket = updated.Entities.Single(e => e.Entity == EntityKind.Ticket);
        Assert.Equal(RecordAssignment.Field, ticket.Fields[^1].Target);
        Assert.Equal(["spam", "deleted"], ticket.Filter!.Chain().Select(f => f.Column));
    }

    /// <summary>The account-export preset as it was before customers without an e-mail: contacts by e-mail, tickets linked through the users' e-mails.</summary>
    internal static MappingProfile AccountExportBeforeCallers()
    {
        var preset = FreshdeskAccountExportPreset.Create();
        return preset with
        {
            Entities = [.. preset.Entities.Select(e => e.Entity switch
            {
                EntityKind.Contact => e with { Key = new FieldMapping("(key)", FieldOrigin.Column, "email", [new(TransformKind.Trim), new(TransformKind.Lower)]), ExternalIdField = null },
                EntityKind.Ticket => e with { Fields = [.. e.Fields.Select(f => f.Target == "contact" ? f with { Transforms = [new(TransformKind.Lookup, "users.email"), new(TransformKind.Trim), new(TransformKind.Lower)] } : f)] },
                _ => e,
            })],
            Lookups = [.. preset.Lookups!.Where(l => l.Name != "users.contact-key")],
        };
    }

    /// <summary>
    /// An account-export profile saved before customers without an e-mail (its contacts by e-mail, its tickets' link through
    /// users.email), or saved with contacts by number (users.contact): offered the key, the link through users.contact-key,
    /// that lookup and the external id, and then the preset's entities exactly. A lookup the profile had stays, unused.
    /// </summary>
    [Theory]
    [InlineData("before callers", "email", "users.email")]
    [InlineData("by number", "email|phone|mobile", "users.contact")]
    public void An_account_export_profile_saved_before_customers_without_an_e_mail_or_a_number_is_offered_their_key_their_tickets_link_and_the_lookup(
        string saving, string keyWas, string linkWas)
    {
        var preset = FreshdeskAccountExportPreset.Create();
        var before = saving == "by number" ? AccountExportByNumber() : AccountExportBeforeCallers();
        var saved = MappingProfileJson.Deserialize(MappingProfileJson.Serialize(before));

        var update = PresetUpdates.Find(saved);

        Assert.NotNull(update);
        // The key by its columns, the ticket's link by the lookup it reads.
        static string Read(FieldMapping f) => f.Transforms?.FirstOrDefault(t => t.Kind == TransformKind.Lookup)?.Arg ?? f.Value;
        Assert.Equal(
            [(EntityKind.Contact, "(key)", keyWas, "email|phone|mobile|id"), (EntityKind.Ticket, "contact", linkWas, "users.contact-key")],
            update.Replacements.Select(r => (r.Entity.Entity, r.Was.Target, Read(r.Was), Read(r.Now))));
        Assert.Equal(["users.contact-key"], update.Lookups.Select(l => l.Name));
        Assert.Equal([(EntityKind.Contact, "custom_source_id")], update.ExternalIds.Select(x => (x.Entity.Entity, x.Field)));
        Assert.Empty(update.Entities);
        Assert.Empty(update.Fields);

        var updated = PresetUpdates.Apply(saved, update);

        Assert.Null(PresetUpdates.Find(updated));
        Assert.Equal(MappingProfileJson.Serialize(preset with { Lookups = [] }), MappingProfileJson.Serialize(updated with { Lookups = [] }));
        Assert.Equal(preset.Lookups!.Select(l => l.Name).Union(before.Lookups!.Select(l => l.Name)).Order(), updated.Lookups!.Select(l => l.Name).Order());
    }

    /// <summary>The account-export preset as it shipped on 2026-12-02 before customers with neither e-mail nor number had a contact.</summary>
    internal static MappingProfile AccountExportByNumber()
    {
        var preset = FreshdeskAccountExportPreset.Create();
        TransformStep[] trimLower = [new(TransformKind.Trim), new(TransformKind.Lower)];
        return preset with
        {
            Entities = [.. preset.Entities.Select(e => e.Entity switch
            {
                EntityKind.Contact => e with { Key = new FieldMapping("(key)", FieldOrigin.FirstNonEmpty, "email|phone|mobile", trimLower), ExternalIdField = null },
                EntityKind.Ticket => e with { Fields = [.. e.Fields.Select(f => f.Target == "contact"
                    ? new FieldMapping("contact", FieldOrigin.Column, "requester-id", [new(TransformKind.Lookup, "users.contact"), .. trimLower], References: EntityKind.Contact)
                    : f)] },
                _ => e,
            })],
            Lookups = [.. preset.Lookups!.Select(l => l.Name == "users.contact-key" ? l with { Name = "users.contact", ValueColumn = "email|phone|mobile" } : l)],
        };
    }

    [Fact]
    public void A_contact_key_or_a_ticket_link_the_operator_changed_is_kept_and_not_offered_as_the_preset_now_writes_it()
    {
        var preset = FreshdeskAccountExportPreset.Create();
        var edited = preset with
        {
            Entities = [.. preset.Entities.Select(e => e.Entity == EntityKind.Contact
                ? e with { Key = new FieldMapping("(key)", FieldOrigin.Column, "id", [new(TransformKind.Trim)]) }
                : e)],
        };

        Assert.Null(PresetUpdates.Find(MappingProfileJson.Deserialize(MappingProfileJson.Serialize(edited))));
    }

    [Fact]
    public void A_ticket_export_profile_saved_before_contacts_by_phone_is_offered_that_contact_the_ticket_s_link_to_it_and_the_contacts_export_s_key()
    {
        var preset = FreshdeskTicketExportPreset.Create();
        var byPhone = preset.Entities.Single(e => e.Entity == EntityKind.Contact && e.Key.Value == "Requester phone");
        var byFacebook = preset.Entities.Single(e => e.Entity == EntityKind.Contact && e.Key.Value == "Facebook profile id");
        var older = preset with
        {
            Entities = [.. preset.Entities.Where(e => e != byPhone && e != byFacebook).Select(e => e.Entity == EntityKind.Ticket
                ? e with { Fields = [.. e.Fields.Select(f => f.Target == "contact" ? new FieldMapping("contact", FieldOrigin.Column, "Requester email", [new(TransformKind.Trim), new(TransformKind.Lower)], References: EntityKind.Contact) : f)] }
                : e.Entity == EntityKind.Contact && e.Source.Table == "contacts"
                    ? e with { Key = new FieldMapping("(key)", FieldOrigin.Column, "Email", [new(TransformKind.Trim), new(TransformKind.Lower)]), ExternalIdField = null }
                    : e.Entity == EntityKind.Contact ? e with { ExternalIdField = null } : e)],
        };
        var saved = MappingProfileJson.Deserialize(MappingProfileJson.Serialize(older));

        var update = PresetUpdates.Find(saved);

        Assert.NotNull(update);
        Assert.Equal([("Contact", "tickets", "Requester phone"), ("Contact", "tickets", "Facebook profile id")], update.Entities.Select(e => (e.Entity.ToString(), e.Source.Table, e.Key.Value)));
        Assert.Equal(
            [(EntityKind.Contact, "(key)", "Email", "Email|Work phone|Mobile phone|Twitter|Unique external ID"), (EntityKind.Ticket, "contact", "Requester email", "Requester email|Requester phone|Facebook profile id")],
            update.Replacements.Select(r => (r.Entity.Entity, r.Was.Target, r.Was.Value, r.Now.Value)).OrderBy(r => r.Entity));
        Assert.Equal([("contacts", "custom_source_id"), ("tickets", "custom_source_id")], update.ExternalIds.Select(x => (x.Entity.Source.Table, x.Field)));
        Assert.Empty(update.Fields);

        var updated = PresetUpdates.Apply(saved, update);

        Assert.Null(PresetUpdates.Find(updated));
        Assert.Equal(3, updated.Entities.Count(e => e.Entity == EntityKind.Contact && e.Source.Table == "tickets"));
        Assert.Equal("Email|Work phone|Mobile phone|Twitter|Unique external ID", updated.Entities.Single(e => e.Entity == EntityKind.Contact && e.Source.Table == "contacts").Key.Value);
        Assert.All(updated.Entities.Where(e => e.Entity == EntityKind.Contact), e => Assert.Equal("custom_source_id", e.ExternalIdField));
    }

    [Fact]
    public void A_ticket_export_profile_saved_with_contacts_by_phone_is_offered_the_contact_of_one_who_wrote_on_facebook_only_and_the_ticket_s_link_to_it()
    {
        var preset = FreshdeskTicketExportPreset.Create();
        var byFacebook = preset.Entities.Single(e => e.Entity == EntityKind.Contact && e.Key.Value == "Facebook profile id");
        var byPhone = new FieldMapping("contact", FieldOrigin.FirstNonEmpty, "Requester email|Requester phone", [new(TransformKind.Trim), new(TransformKind.Lower)], References: EntityKind.Contact);
        var older = preset with
        {
            Entities = [.. preset.Entities.Where(e => e != byFacebook).Select(e => e.Entity == EntityKind.Ticket
                ? e with { Fields = [.. e.Fields.Select(f => f.Target == "contact" ? byPhone : f)] }
                : e.Entity == EntityKind.Contact ? e with { ExternalIdField = null } : e)],
        };
        var saved = MappingProfileJson.Deserialize(MappingProfileJson.Serialize(older));

        var update = PresetUpdates.Find(saved);

        Assert.NotNull(update);
        Assert.Equal([("Contact", "tickets", "Facebook profile id")], update.Entities.Select(e => (e.Entity.ToString(), e.Source.Table, e.Key.Value)));
        Assert.Equal(["Email|Work phone|Mobile phone|Twitter|Unique external ID", "Requester email", "Requester phone"], update.ExternalIds.Select(x => x.Entity.Key.Value));
        Assert.Equal(
            [(EntityKind.Ticket, "contact", "Requester email|Requester phone", "Requester email|Requester phone|Facebook profile id")],
            update.Replacements.Select(r => (r.Entity.Entity, r.Was.Target, r.Was.Value, r.Now.Value)));

        var updated = PresetUpdates.Apply(saved, update);

        Assert.Null(PresetUpdates.Find(updated));
        Assert.Equal(
            MappingProfileJson.Serialize(preset with { Entities = [.. preset.Entities.OrderBy(e => e.Key.Value, StringComparer.Ordinal)], Lookups = [] }),
            MappingProfileJson.Serialize(updated with { Entities = [.. updated.Entities.OrderBy(e => e.Key.Value, StringComparer.Ordinal)], Lookups = [] }));
    }

    [Fact]
    public void A_ticket_export_profile_saved_before_tags_is_offered_them_and_keeps_them_through_its_json()
    {
        var preset = FreshdeskTicketExportPreset.Create();
        var older = preset with
        {
            Name = "Phiếu tháng trước",
            Entities = [.. preset.Entities.Select(e => e.Entity == EntityKind.Ticket ? e with { Fields = [.. e.Fields.Where(f => f.Stage != FieldStage.Tags)] } : e)],
        };
        var saved = MappingProfileJson.Deserialize(MappingProfileJson.Serialize(older));

        var update = PresetUpdates.Find(saved);

        Assert.NotNull(update);
        Assert.Equal([(EntityKind.Ticket, TicketTags.Field, FieldStage.Tags, "Tags")], update.Fields.Select(f => (f.Entity.Entity, f.Field.Target, f.Field.Stage, f.Field.Value)));
        var updated = MappingProfileJson.Deserialize(MappingProfileJson.Serialize(PresetUpdates.Apply(saved, update)));
        Assert.Null(PresetUpdates.Find(updated));
        Assert.Single(updated.Entities.Single(e => e.Entity == EntityKind.Ticket).Fields, f => f.Stage == FieldStage.Tags);
    }

    [Fact]
    public void What_the_operator_changed_is_kept_and_an_up_to_date_or_hand_made_profile_is_offered_nothing()
    {
        var preset = FreshdeskAccountExportPreset.Create();
        var ownFilter = new RowFilter("status-name", ["Closed"], Negate: true);
        var changed = preset with
        {
            Entities = [.. preset.Entities.Select(e => e.Entity == EntityKind.Ticket
                ? e with { Filter = ownFilter, Fields = [.. e.Fields.Select(f => f.Stage == FieldStage.Assign ? f with { Value = "agent-email" } : f)] }
                : e)],
        };

        Assert.Null(PresetUpdates.Find(MappingProfileJson.Deserialize(MappingProfileJson.Serialize(preset))));
        Assert.Null(PresetUpdates.Find(changed));
        Assert.Null(PresetUpdates.Find(changed with { Preset = null }));
        Assert.Null(PresetUpdates.Find(changed with { Preset = "a-preset-this-portal-no-longer-ships" }));
    }

    [Fact]
    public void A_profile_saved_before_ticket_types_is_offered_the_entity_and_its_ticket_s_type_refers_to_it_unless_the_operator_changed_it()
    {
        var preset = FreshdeskTicketExportPreset.Create();
        // As the preset wrote it until ticket types: no such entity, the type sent as written.
        static MappingProfile Before(MappingProfile preset, FieldMapping type) => MappingProfileJson.Deserialize(MappingProfileJson.Serialize(preset with
        {
            Entities = [.. preset.Entities.Where(e => e.Entity != EntityKind.TicketType).Select(e => e.Entity == EntityKind.Ticket
                ? e with { Fields = [.. e.Fields.Select(f => f.Target == "ticket_type" ? type : f)] }
                : e)],
        }));
        var asShipped = Before(preset, new FieldMapping("ticket_type", FieldOrigin.Column, "Type", [new(TransformKind.Trim)]));
        var ownMap = Before(preset, new FieldMapping("ticket_type", FieldOrigin.Column, "Type", [new(TransformKind.Trim), new(TransformKind.ValueMap, Map: new Dictionary<string, string> { ["Problem"] = "Bug" }, Fallback: "Question")]));

        var update = PresetUpdates.Find(asShipped);
        var kept = PresetUpdates.Find(ownMap);

        Assert.NotNull(update);
        Assert.Equal([EntityKind.TicketType], update.Entities.Select(e => e.Entity));
        Assert.Equal([(EntityKind.Ticket, "ticket_type", (EntityKind?)EntityKind.TicketType)], update.Relinks.Select(r => (r.Entity.Entity, r.Field.Target, r.Field.References)));
        var updated = PresetUpdates.Apply(asShipped, update);
        var ticket = updated.Entities.Single(e => e.Entity == EntityKind.Ticket);
        Assert.Equal(EntityKind.TicketType, Assert.Single(ticket.Fields, f => f.Target == "ticket_type").References);
        Assert.Equal(asShipped.Entities.Single(e => e.Entity == EntityKind.Ticket).Fields.Count, ticket.Fields.Count);
        Assert.Null(PresetUpdates.Find(updated));
        // The operator's own value map stays as it is: the entity is offered, the field is not changed.
        Assert.NotNull(kept);
        Assert.Empty(kept.Relinks);
        Assert.Null(PresetUpdates.Apply(ownMap, kept).Entities.Single(e => e.Entity == EntityKind.Ticket).Fields.Single(f => f.Target == "ticket_type").References);
    }

    [Fact]
    public void A_profile_saved_before_attachments_is_offered_the_files_of_tickets_and_notes_and_keeps_them_through_its_json()
    {
        var preset = FreshdeskAccountExportPreset.Create();
        var older = MappingProfileJson.Deserialize(MappingProfileJson.Serialize(preset with { Entities = [.. preset.Entities.Where(e => e.Entity != EntityKind.Attachment)] }));

        var update = PresetUpdates.Find(older);

        Assert.NotNull(update);
        Assert.Equal(
            [new EntitySource("tickets", "attachments", EntityKind.Reply), new EntitySource("tickets", "notes/attachments", EntityKind.Reply), new EntitySource("tickets", "notes/attachments", EntityKind.PrivateNote)],
            update.Entities.Select(e => e.Source));
        var updated = MappingProfileJson.Deserialize(MappingProfileJson.Serialize(PresetUpdates.Apply(older, update)));
        Assert.Null(PresetUpdates.Find(updated));
        Assert.Equal("notes", updated.Entities[^1].Source.ParentChild);
    }
}
