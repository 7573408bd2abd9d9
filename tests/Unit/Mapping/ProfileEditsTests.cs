using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Mappings;

namespace ImportPortal.Tests.Unit.Mapping;

/// <summary>The editor's edits on a draft profile, and what they leave unfilled against Helpdesk 1.22's fields.</summary>
public sealed class ProfileEditsTests
{
    private static readonly MappingProfile Preset = FreshdeskTicketExportPreset.Create();
    private static readonly int TicketIndex = Preset.Entities.ToList().FindIndex(e => e.Entity == EntityKind.Ticket);

    [Fact]
    public void Removing_the_subject_makes_it_a_required_field_nothing_fills_on_that_entity_only()
    {
        var ticket = Preset.Entities[TicketIndex];
        var edited = Preset.WithEntity(TicketIndex, ticket.WithoutField(ticket.Fields.ToList().FindIndex(f => f.Target == "subject")));

        Assert.DoesNotContain(ProfileEdits.ProblemsOf(Preset, TicketIndex, MappingSites.Helpdesk122), p => p.Code == MappingProblemCodes.RequiredUnmapped);
        Assert.Contains(ProfileEdits.ProblemsOf(edited, TicketIndex, MappingSites.Helpdesk122), p => p.Code == MappingProblemCodes.RequiredUnmapped && p.Field == "subject");
        Assert.DoesNotContain(ProfileEdits.ProblemsOf(edited, 0, MappingSites.Helpdesk122), p => p.Field == "subject");
        Assert.Contains(Preset.Entities[TicketIndex].Fields, f => f.Target == "subject");
    }

    [Fact]
    public void A_changed_field_replaces_the_old_one_in_place_and_a_new_one_is_added_at_the_end()
    {
        var ticket = Preset.Entities[TicketIndex];
        var at = ticket.Fields.ToList().FindIndex(f => f.Target == "subject");
        var template = new FieldMapping("subject", FieldOrigin.Template, "{Subject} (#{Ticket ID})");

        var changed = ticket.WithField(at, template).WithField(-1, new FieldMapping("custom_channel", FieldOrigin.Constant, "Freshdesk"));

        Assert.Equal(template, changed.Fields[at]);
        Assert.Equal("custom_channel", changed.Fields[^1].Target);
        Assert.Equal(ticket.Fields.Count + 1, changed.Fields.Count);
    }

    [Fact]
    public void Accepted_header_matches_replace_the_same_target_and_add_the_rest()
    {
        var ticket = Preset.Entities[TicketIndex];
        var matches = new[] { new FieldMapping("subject", FieldOrigin.Column, "Tiêu đề"), new FieldMapping("description", FieldOrigin.Column, "Nội dung") };

        var matched = ticket.WithMatches(matches);

        Assert.Single(matched.Fields, f => f.Target == "subject");
        Assert.Equal("Tiêu đề", matched.Fields.Single(f => f.Target == "subject").Value);
        Assert.Equal("Nội dung", matched.Fields.Single(f => f.Target == "description").Value);
        Assert.Equal(ticket.Fields.Count + 1, matched.Fields.Count);
    }

    [Fact]
    public void A_value_map_written_as_lines_becomes_the_steps_map_and_back()
    {
        var draft = new TransformDraft { Kind = TransformKind.ValueMap, MapText = "Mở = Open\n\n  Đã đóng = Closed \nrác\nPending → Paused\nmở = Replied", Fallback = "Open" };

        var step = draft.ToStep();

        Assert.Equal(TransformKind.ValueMap, step.Kind);
        Assert.Equal("Replied", step.Map!["Mở"]);
        Assert.Equal("Closed", step.Map["Đã đóng"]);
        Assert.Equal("Paused", step.Map["Pending"]);
        Assert.Equal(3, step.Map.Count);
        Assert.Equal("Open", step.Fallback);
        Assert.Null(step.Arg);
        Assert.Equal(step.Map, TransformDraft.From(step).ToStep().Map);
    }

    [Fact]
    public void An_argument_is_kept_only_for_a_kind_that_takes_one()
    {
        Assert.Equal("140", new TransformDraft { Kind = TransformKind.Truncate, Arg = " 140 " }.ToStep().Arg);
        Assert.Null(new TransformDraft { Kind = TransformKind.Trim, Arg = "stale" }.ToStep().Arg);
        Assert.Null(new TransformDraft { Kind = TransformKind.Default, Arg = "  " }.ToStep().Arg);
    }

    [Fact]
    public void The_offered_time_zones_include_the_usual_ones()
    {
        Assert.Contains("Asia/Ho_Chi_Minh", TimeZoneChoices.All);
        Assert.Contains("UTC", TimeZoneChoices.All);
        Assert.Contains("Asia/Ho_Chi_Minh", TimeZoneChoices.Search("ho chi"));
    }

    [Fact]
    public void A_key_is_a_column_a_template_or_a_list_of_columns_as_written_and_keeps_its_transforms()
    {
        var contactKey = Preset.Entities.First(e => e.Entity == EntityKind.Contact).Key;

        var column = ProfileEdits.KeyFrom(" Mã phiếu ", Preset.Entities[TicketIndex].Key, EntityKind.Ticket);
        var template = ProfileEdits.KeyFrom("{Mã phiếu}:mô tả", null, EntityKind.Reply);
        var either = ProfileEdits.KeyFrom("Email|Email phụ", contactKey, EntityKind.Contact);
        var newContact = ProfileEdits.KeyFrom("Email", null, EntityKind.Contact);

        Assert.Equal(("(key)", FieldOrigin.Column, "Mã phiếu"), (column.Target, column.Origin, column.Value));
        Assert.Equal(Preset.Entities[TicketIndex].Key.Transforms, column.Transforms);
        Assert.Equal((FieldOrigin.Template, "{Mã phiếu}:mô tả"), (template.Origin, template.Value));
        Assert.Equal([TransformKind.Trim], template.Transforms!.Select(t => t.Kind));
        Assert.Equal((FieldOrigin.FirstNonEmpty, "Email|Email phụ"), (either.Origin, either.Value));
        Assert.Equal(contactKey.Transforms, either.Transforms);
        // A contact is keyed by its e-mail in lower case, as the ledger and the site's lookup compare it.
        Assert.Equal([TransformKind.Trim, TransformKind.Lower], newContact.Transforms!.Select(t => t.Kind));
    }

    [Fact]
    public void A_filter_from_the_editor_tests_its_column_and_keeps_the_tests_after_it()
    {
        var rest = new RowFilter("deleted", ["true"], Negate: true);

        var spam = ProfileEdits.FilterFrom("Trạng thái", " Spam , Rác ", negate: true, rest);
        var filled = ProfileEdits.FilterFrom("Loại", "", negate: false, null);

        Assert.Equal(("Trạng thái", true), (spam!.Column, spam.Negate));
        Assert.Equal(["Spam", "Rác"], spam.Values);
        Assert.Same(rest, spam.And);
        Assert.Null(filled!.Values);
        Assert.Same(rest, ProfileEdits.FilterFrom(" ", "x", negate: false, rest));
        Assert.Null(ProfileEdits.FilterFrom(null, null, negate: false, null));
    }

    [Fact]
    public void A_filter_from_the_editor_s_list_of_tests_keeps_their_order_and_drops_the_blank_ones()
    {
        var chain = ProfileEdits.ChainFrom([("spam", "true", true), (" ", "x", false), ("Nguồn", "Email, Cổng thông tin", false)]);

        Assert.Equal(
            ["spam: not true", "Nguồn: Email | Cổng thông tin"],
            chain!.Chain().Select(t => $"{t.Column}: {(t.Negate ? "not " : "")}{string.Join(" | ", t.Values!)}"));
        Assert.Null(ProfileEdits.ChainFrom([]));
        Assert.Null(ProfileEdits.ChainFrom([(null, "x", true)]));
    }

    [Fact]
    public void A_new_ticket_type_is_named_by_its_key_and_maps_one_record_per_row_with_a_type()
    {
        var key = ProfileEdits.KeyFrom("Loại phiếu", null, EntityKind.TicketType);
        var type = ProfileEdits.NewEntity(EntityKind.TicketType, new EntitySource("tickets"), key, null, ProfileEdits.FilterFrom("Loại phiếu", null, negate: false, null));
        var profile = Preset.WithNewEntity(type);

        var compiled = ProfileCompiler.Compile(profile, MappingSites.Helpdesk122);
        var mapped = compiled.MapRecord("tickets", MappingSites.Record(("Loại phiếu", " Hoàn tiền "), ("Ticket ID", "7"))).Single(m => m.Entity == EntityKind.TicketType);
        var none = compiled.MapRecord("tickets", MappingSites.Record(("Loại phiếu", ""), ("Ticket ID", "8")));

        Assert.Equal(EntityKind.TicketType, profile.Entities[^1].Entity);
        Assert.DoesNotContain(compiled.Problems, p => p.Entity == EntityKind.TicketType);
        Assert.Equal(("HD Ticket Type", "Hoàn tiền"), (mapped.Doctype, mapped.SourceKey));
        Assert.Equal("Hoàn tiền", Assert.Single(mapped.InsertBody, p => p.Key == "name").Value!.GetValue<string>());
        Assert.Single(mapped.InsertBody);
        Assert.DoesNotContain(none, m => m.Entity == EntityKind.TicketType);
    }

    [Fact]
    public void Removing_the_last_entity_of_a_kind_names_what_refers_to_it_and_a_second_source_of_the_kind_names_nothing()
    {
        var account = FreshdeskAccountExportPreset.Create();
        var ticket = account.Entities.ToList().FindIndex(e => e.Entity == EntityKind.Ticket);
        var contacts = account.Entities.ToList().FindIndex(e => e.Entity == EntityKind.Contact);
        var twoContacts = Preset;
        var firstContact = twoContacts.Entities.ToList().FindIndex(e => e.Entity == EntityKind.Contact);

        var dependents = account.DependentsOf(ticket);
        var removed = account.WithoutEntity(ticket);

        Assert.Contains((EntityKind.Reply, "reference_name"), dependents);
        Assert.Contains((EntityKind.Reply, "tickets.notes"), dependents);
        Assert.Contains((EntityKind.PrivateNote, "tickets.notes"), dependents);
        Assert.Contains((EntityKind.Ticket, "contact"), account.DependentsOf(contacts));
        Assert.Empty(twoContacts.DependentsOf(firstContact));
        Assert.Equal(account.Entities.Count - 1, removed.Entities.Count);
        Assert.DoesNotContain(removed.Entities, e => e.Entity == EntityKind.Ticket);
        // What is left says so: the notes read as children of tickets that no entity reads any more.
        var orphans = ProfileCompiler.Compile(removed, MappingSites.Helpdesk122).Problems.Where(p => p.Problem.Code == MappingProblemCodes.ParentMissing).ToList();
        Assert.Equal([EntityKind.Reply, EntityKind.PrivateNote], orphans.Select(p => p.Entity));
        Assert.All(orphans, p => Assert.Equal(["tickets.notes", "HD Ticket", "tickets"], p.Problem.Args));
        Assert.DoesNotContain(ProfileCompiler.Compile(account, MappingSites.Helpdesk122).Problems, p => p.Problem.Code == MappingProblemCodes.ParentMissing);
        Assert.DoesNotContain(ProfileEdits.ProblemsOf(account, account.Entities.ToList().FindIndex(e => e.Entity == EntityKind.PrivateNote), MappingSites.Helpdesk122), p => p.Code == MappingProblemCodes.ParentMissing);
    }

    [Fact]
    public void A_new_reply_from_a_file_of_messages_is_tied_to_its_ticket_by_the_id_column_and_header_matching_fills_the_rest()
    {
        string[] columns = ["Mã tin nhắn", "Mã phiếu", "Người gửi", "Nội dung tin nhắn", "Ngày gửi"];
        var key = ProfileEdits.KeyFrom("Mã tin nhắn", null, EntityKind.Reply);
        var reply = ProfileEdits.NewEntity(EntityKind.Reply, new EntitySource("messages"), key, "custom_source_id", null, columns);
        var meta = MappingSites.Helpdesk122["Communication"];
        var matched = reply.WithMatches(HeaderMatcher.Assign(HeaderMatcher.Suggest(columns, meta)).Where(c => c.Field is "content" or "sender" or "communication_date").Select(c => c.Proposal));
        var profile = Preset.WithNewEntity(matched);

        var mapped = ProfileCompiler.Compile(profile, MappingSites.Helpdesk122)
            .MapRecord("messages", MappingSites.Record(("Mã tin nhắn", "9001"), ("Mã phiếu", "501"), ("Người gửi", "Binh.Tran@AnhDuong.vn"), ("Nội dung tin nhắn", "Cảm ơn, đã in được."), ("Ngày gửi", "2024-03-01 10:00:00")))
            .Single();

        Assert.Equal(("Communication", "9001"), (mapped.Doctype, mapped.SourceKey));
        Assert.Equal(new EntityReference(EntityKind.Ticket, "501", "reference_name"), Assert.Single(mapped.References));
        Assert.Equal(("Communication", "Email", "HD Ticket"), (MappingSites.Text(mapped.InsertBody, "communication_type"), MappingSites.Text(mapped.InsertBody, "communication_medium"), MappingSites.Text(mapped.InsertBody, "reference_doctype")));
        Assert.Equal("binh.tran@anhduong.vn", MappingSites.Text(mapped.InsertBody, "sender"));
        Assert.Equal("Cảm ơn, đã in được.", MappingSites.Text(mapped.InsertBody, "content"));
        Assert.Equal("9001", MappingSites.Text(mapped.InsertBody, "custom_source_id"));
        Assert.Empty(mapped.Problems);

        // Notes nested in their ticket's record name their parent; a file without a ticket id column names none, for the operator to add.
        var nested = ProfileEdits.NewEntity(EntityKind.PrivateNote, new EntitySource("tickets", "notes", EntityKind.Ticket), key, null, null);
        Assert.Equal((FieldOrigin.ParentKey, EntityKind.Ticket), (Assert.Single(nested.Fields).Origin, nested.Fields[0].References));
        Assert.DoesNotContain(ProfileEdits.NewEntity(EntityKind.Reply, new EntitySource("messages"), key, null, null, ["Nội dung"]).Fields, f => f.Target == "reference_name");
    }

    [Fact]
    public void A_new_attachment_read_from_a_notes_files_is_attached_to_that_note_privately()
    {
        var source = new EntitySource("tickets", "notes/attachments", EntityKind.PrivateNote);
        var key = ProfileEdits.KeyFrom("id", null, EntityKind.Attachment);

        var files = ProfileEdits.NewEntity(EntityKind.Attachment, source, key, null, null);
        var loose = ProfileEdits.NewEntity(EntityKind.Attachment, new EntitySource("files"), key, null, null);

        Assert.Equal(
            [("attached_to_doctype", FieldOrigin.Constant, "HD Ticket Comment", (EntityKind?)null), ("attached_to_name", FieldOrigin.ParentKey, "", EntityKind.PrivateNote), ("is_private", FieldOrigin.Constant, "1", null)],
            files.Fields.Select(f => (f.Target, f.Origin, f.Value, f.References)));
        Assert.Equal("Communication", ProfileEdits.NewEntity(EntityKind.Attachment, source with { Parent = EntityKind.Reply }, key, null, null).Fields[0].Value);
        // A file that is no message's child has no message to name: the operator ties it.
        Assert.Empty(loose.Fields);
    }
}
