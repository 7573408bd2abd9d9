using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;

namespace FrappeSimulator.Behaviours;

/// <summary>HDTicket.on_communication_update: a reply moves the ticket's response dates and status.</summary>
sealed class TicketConversation(SimulatedSite site)
{
    public void OnCommunication(DocumentContext communication)
    {
        if (communication.Text("reference_doctype") != "HD Ticket" || communication.Text("reference_name") is not { } ticketName
            || site.Find("HD Ticket", ticketName) is not { } ticket)
        {
            return;
        }

        var changes = communication.Text("sent_or_received") == "Received"
            ? OnReceived(communication, ticket, ticketName)
            : OnSent(communication, ticket);
        if (site.IsModern && JsonDocs.IsEmpty(ticket["description"]))
        {
            changes["description"] = communication.Text("content");
        }

        site.Engine.Save("HD Ticket", ticketName, changes, communication.User, communication.Transaction);
    }

    JsonObject OnReceived(DocumentContext communication, JsonObject ticket, string ticketName)
    {
        var answered = site.FindBy("Communication", "reference_name", ticketName).Any(c =>
            JsonDocs.Text(c, "reference_doctype") == "HD Ticket" && JsonDocs.Text(c, "sent_or_received") == "Sent");
        var status = answered ? TicketStatus.ReopenStatus(site) : TicketStatus.DefaultStatus(site);
        var changes = new JsonObject();
        if (JsonDocs.Text(ticket, "status") != status)
        {
            changes["status"] = status;
        }

        if (site.IsModern)
        {
            changes["last_customer_response"] = communication.NowText;
        }

        return changes;
    }

    JsonObject OnSent(DocumentContext communication, JsonObject ticket)
    {
        var changes = new JsonObject();
        if (communication.Text("communication_type") == "Automated Message")
        {
            return changes;
        }

        if (JsonDocs.IsEmpty(ticket["first_responded_on"]))
        {
            changes["first_responded_on"] = communication.NowText;
        }

        if (site.IsModern)
        {
            changes["last_agent_response"] = communication.NowText;
        }

        // Helpdesk 1.4 has no update_status_to setting: an agent reply always meant "Replied".
        var replyStatus = JsonDocs.Text(site.Settings, "update_status_to") ?? (site.IsModern ? null : "Replied");
        if (JsonDocs.IsTrue(site.Settings["auto_update_status"]) && replyStatus is { Length: > 0 } status)
        {
            changes["status"] = status;
        }

        return changes;
    }
}
