using ImportPortal.Domain.Migration;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>Which documents a removal may take back, and in which order.</summary>
public sealed class RemovalTests
{
    private const string Portal = "import@haravan.vn";

    [Fact]
    public void Documents_go_in_the_reverse_of_the_order_they_were_made()
    {
        var order = Removal.Order.ToList();

        Assert.Equal(RunStages.All.Reverse(), order);
        Assert.True(order.IndexOf(RunStage.Attachments) < order.IndexOf(RunStage.Conversations));
        Assert.True(order.IndexOf(RunStage.Conversations) < order.IndexOf(RunStage.Tickets));
        Assert.True(order.IndexOf(RunStage.Tickets) < order.IndexOf(RunStage.Contacts));
        Assert.True(order.IndexOf(RunStage.Contacts) < order.IndexOf(RunStage.Organisations));
        Assert.True(order.IndexOf(RunStage.Agents) < order.IndexOf(RunStage.Users));
    }

    [Fact]
    public void A_document_last_saved_by_the_portal_s_user_goes_whatever_the_case_of_its_name()
    {
        var verdict = Removal.Judge(new SiteDocumentState("0001", "Import@Haravan.vn", "2026-12-01 08:00:00"), Portal, includeChanged: false);

        Assert.True(verdict.Deletes);
        Assert.Null(verdict.Note);
    }

    [Fact]
    public void A_document_someone_else_saved_since_stays_with_who_and_when_unless_changed_ones_may_go()
    {
        var changed = new SiteDocumentState("0002", "lan.nguyen@haravan.vn", "2026-12-01 09:30:00");

        var kept = Removal.Judge(changed, Portal, includeChanged: false);
        var taken = Removal.Judge(changed, Portal, includeChanged: true);

        Assert.Equal((false, RemovalReason.ChangedSince, "lan.nguyen@haravan.vn · 2026-12-01 09:30:00"), (kept.Deletes, kept.KeptBecause, kept.Note));
        Assert.True(taken.Deletes);
    }

    [Fact]
    public void A_ticket_with_messages_the_run_did_not_create_stays_even_when_changed_ones_may_go()
    {
        var ticket = new SiteDocumentState("0003", Portal, null);

        var verdict = Removal.Judge(ticket, Portal, includeChanged: true, otherMessages: 2);

        Assert.Equal((false, RemovalReason.OtherMessages, "2"), (verdict.Deletes, verdict.KeptBecause, verdict.Note));
        Assert.True(Removal.Judge(ticket, Portal, includeChanged: false, otherMessages: 0).Deletes);
    }

    [Fact]
    public void A_document_the_site_does_not_say_who_saved_goes()
    {
        Assert.True(Removal.Judge(new SiteDocumentState("x", null, null), Portal, includeChanged: false).Deletes);
        Assert.True(Removal.Judge(new SiteDocumentState("x", "", null), Portal, includeChanged: false).Deletes);
    }
}
