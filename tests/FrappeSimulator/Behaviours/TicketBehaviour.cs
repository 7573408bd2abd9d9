using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Behaviours;

/// <summary>HD Ticket controller: defaults on insert, status rules on save, follow-ups after insert.</summary>
sealed class TicketBehaviour(SimulatedSite site) : IDocTypeBehaviour
{
    readonly TicketFollowUps followUps = new(site);

    /// <summary>
    /// 1.22 forces a new ticket's status before links are checked: probe-13 posted an unknown status
    /// and got "Open" back, not a LinkValidationError.
    /// </summary>
    public void BeforeLinks(DocumentContext ctx)
    {
        if (ctx.IsNew && site.IsModern)
        {
            ctx.Doc["status"] = TicketStatus.DefaultStatus(site);
        }
    }

    public void BeforeValidate(DocumentContext ctx)
    {
        if (ctx.IsNew)
        {
            FillNewTicket(ctx);
        }
        else
        {
            ApplyStatusChange(ctx);
        }

        if (site.IsModern)
        {
            ctx.Doc["status_category"] = TicketStatus.Category(site, ctx.Text("status"));
        }

        ctx.Doc["agreement_status"] = TicketStatus.AgreementStatus(site, ctx.Text("status"), !ctx.IsEmpty("first_responded_on"));
    }

    public void Validate(DocumentContext ctx)
    {
        var priority = ctx.Text("priority");
        if (!string.IsNullOrEmpty(priority) && !TicketSla.Priorities(site).Contains(priority))
        {
            throw FrappeErrors.Fail("ValidationError", $"Please add {priority} priority in {TicketSla.DefaultSla} SLA");
        }
    }

    public void AfterInsert(DocumentContext ctx) => followUps.AfterInsert(ctx);

    public void AfterSave(DocumentContext ctx) => followUps.AfterSave(ctx);

    void FillNewTicket(DocumentContext ctx)
    {
        var doc = ctx.Doc;
        var settings = site.Settings;
        if (ctx.IsEmpty("ticket_type"))
        {
            doc["ticket_type"] = JsonDocs.Text(settings, "default_ticket_type") ?? (site.IsModern ? "" : "Unspecified");
        }

        if (ctx.IsEmpty("raised_by"))
        {
            doc["raised_by"] = ctx.User.Name;
        }

        if (ctx.IsEmpty("priority"))
        {
            var typePriority = JsonDocs.Text(site.Find("HD Ticket Type", ctx.Text("ticket_type") ?? "") ?? [], "priority");
            doc["priority"] = typePriority ?? JsonDocs.Text(settings, "default_priority") ?? TicketSla.DefaultPriority(site);
        }

        if (ctx.IsEmpty("opening_time"))
        {
            doc["opening_time"] = FrappeFormat.TimeNow(ctx.Now);
        }

        if (site.IsModern)
        {
            doc["key"] = Guid.NewGuid().ToString();
            doc["raised_outside_working_hours"] = TicketSla.IsOutsideWorkingHours(ctx.Now) ? 1 : 0;
            TicketContactLookup.Fill(site, ctx);
        }

        doc["sla"] = TicketSla.DefaultSla;
        if (ctx.IsEmpty("service_level_agreement_creation"))
        {
            doc["service_level_agreement_creation"] = ctx.NowText;
        }

        var (responseBy, resolutionBy) = TicketSla.Deadlines(site, ctx.Text("priority"), ctx.Now);
        doc["response_by"] = FrappeFormat.Datetime(responseBy);
        doc["resolution_by"] = FrappeFormat.Datetime(resolutionBy);
    }

    /// <summary>
    /// Entering a Resolved-category status stamps resolution_date with now (1.22 also first_responded_on if empty);
    /// leaving it clears resolution_date. A later PUT of the dates alone keeps them (probe-16, fidelity-12). Any status
    /// change measures first_response_time, and entering a Resolved status resolution_time, in the SLA's working seconds
    /// from service_level_agreement_creation (Helpdesk's HD Service Level Agreement.handle_doc_status): for a ticket whose
    /// SLA start is its original created time, years of them. A PUT without a status change leaves both as they are, or
    /// as it sets them.
    /// </summary>
    void ApplyStatusChange(DocumentContext ctx)
    {
        if (!ctx.Changed("status"))
        {
            return;
        }

        var wasResolved = TicketStatus.IsResolved(site, JsonDocs.Text(ctx.Previous!, "status"));
        var isResolved = TicketStatus.IsResolved(site, ctx.Text("status"));
        if (wasResolved && ctx.Text("status") == "Closed")
        {
            return;
        }

        if (isResolved && !wasResolved && site.IsModern && ctx.IsEmpty("first_responded_on"))
        {
            ctx.Doc["first_responded_on"] = ctx.NowText;
        }

        var slaStart = FrappeFormat.TryParseDatetime(ctx.Text("service_level_agreement_creation") ?? "", out var s) ? s : ctx.Now;
        if (FrappeFormat.TryParseDatetime(ctx.Text("first_responded_on") ?? "", out var responded))
        {
            ctx.Doc["first_response_time"] = TicketSla.WorkingSeconds(site, ctx.Text("sla"), slaStart, responded);
        }

        if (isResolved && !wasResolved)
        {
            ctx.Doc["resolution_date"] = ctx.NowText;
            ctx.Doc["resolution_time"] = TicketSla.WorkingSeconds(site, ctx.Text("sla"), slaStart, ctx.Now);
        }
        else if (wasResolved && !isResolved)
        {
            ctx.Doc.Remove("resolution_date");
            ctx.Doc.Remove("resolution_time");
        }
    }
}
