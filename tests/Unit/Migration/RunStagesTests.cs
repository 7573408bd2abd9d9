using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Migration;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>Which stages a profile's records can fall in: what the new-run form offers.</summary>
public sealed class RunStagesTests
{
    [Fact]
    public void An_account_export_starts_with_its_agents_teams_and_ticket_types_and_ends_with_the_finalise_the_assignments_then_the_files()
    {
        Assert.Equal(
            [RunStage.Users, RunStage.Agents, RunStage.Teams, RunStage.TicketTypes, RunStage.Organisations, RunStage.Contacts, RunStage.Tickets, RunStage.Conversations, RunStage.Finalise, RunStage.Assignments, RunStage.Attachments],
            RunStages.Of(FreshdeskAccountExportPreset.Create()));
    }

    [Fact]
    public void A_ticket_export_assigns_its_agents_after_the_finalise_and_the_assignments_only_change_tickets()
    {
        Assert.Equal(RunStage.Assignments, RunStages.Of(FreshdeskTicketExportPreset.Create())[^1]);
        Assert.False(RunStages.Creates(RunStage.Assignments));
    }

    [Fact]
    public void Contacts_that_join_as_hd_customer_members_add_the_memberships_stage_and_a_profile_without_tickets_has_no_finalise()
    {
        var members = FreshdeskAccountExportPreset.Create() with { ContactLinkStyle = ContactLinkStyle.CustomerMembers };
        var contactsOnly = members with { Entities = [.. members.Entities.Where(e => e.Entity is EntityKind.Organisation or EntityKind.Contact)] };

        Assert.Contains(RunStage.Memberships, RunStages.Of(members));
        Assert.Equal([RunStage.Organisations, RunStage.Contacts, RunStage.Memberships], RunStages.Of(contactsOnly));
    }
}
