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
}
