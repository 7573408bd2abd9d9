using System.Text.Json.Nodes;
using FrappeSimulator.Hosting;

namespace FrappeSimulator.Tests.Contract;

/// <summary>
/// Server state the recordings rely on but do not show, seeded so the replay can match them:
/// - the "Welcome to Helpdesk" ticket of a fresh install (17-list-hd-tickets lists it), installed later in the day
///   than the recordings ran, so it sorts first by modified;
/// - ticket numbers used up before the recordings: 1.4.0's first recorded ticket is 4 (2 and 3 were spent earlier),
///   1.22.2's is "0002"; the fidelity run on 1.22.2 came after 752 more tickets ("0754");
/// - the lab's own API user, admin@helpdesk.localhost ("Lab Admin", with the Contact Frappe makes for every user),
///   which probe2-05 sends a reply as.
/// </summary>
public static class PriorState
{
    public static void Seed(SimulatorHandle simulator, string version)
    {
        var legacy = version == RecordingLibrary.V1_4;
        simulator.Seed("Contact", new JsonObject
        {
            ["name"] = "John Doe", ["first_name"] = "John", ["last_name"] = "Doe", ["email_id"] = "john@example.com",
            ["email_ids"] = new JsonArray(new JsonObject { ["email_id"] = "john@example.com", ["is_primary"] = 1 }),
        });
        var installed = legacy ? "2026-11-29 18:45:27.933439" : "2026-11-29 19:01:30.043249";
        simulator.Seed("HD Ticket", new JsonObject
        {
            ["name"] = legacy ? 1 : "0001", ["subject"] = "Welcome to Helpdesk", ["raised_by"] = "john@example.com", ["contact"] = "John Doe",
            ["status"] = "Open", ["priority"] = "Medium", ["ticket_type"] = legacy ? "Unspecified" : "", ["opening_date"] = "2026-11-29",
            ["creation"] = installed, ["modified"] = installed,
        });
        simulator.Store.SetNamingCounter("HD Ticket", legacy ? 3 : 1);
        simulator.Seed("User", new JsonObject
        {
            ["email"] = "admin@helpdesk.localhost", ["first_name"] = "Lab", ["last_name"] = "Admin", ["full_name"] = "Lab Admin", ["send_welcome_email"] = 0,
        });
        simulator.Seed("Contact", new JsonObject
        {
            ["name"] = "Lab Admin", ["first_name"] = "Lab", ["last_name"] = "Admin", ["email_id"] = "admin@helpdesk.localhost", ["user"] = "admin@helpdesk.localhost",
            ["email_ids"] = new JsonArray(new JsonObject { ["email_id"] = "admin@helpdesk.localhost", ["is_primary"] = 1 }),
        });
    }

    public static void Before(SimulatorHandle simulator, string version, string file)
    {
        if (version == RecordingLibrary.V1_22 && file == "fidelity-05-ticket-with-team.json")
        {
            simulator.Store.SetNamingCounter("HD Ticket", 753);
        }
    }
}
