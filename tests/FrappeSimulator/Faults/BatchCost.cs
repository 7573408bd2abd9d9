namespace FrappeSimulator.Faults;

/// <summary>
/// What <c>frappe.client.insert_many</c> costs the server against single POSTs, as a share of one POST's service time:
/// one request's overhead (HTTP, session, commit) plus each document's own insert. Fitted to Frappe 15.55.1 with
/// Helpdesk, 100 documents one way and the other (../shared/frappe-samples/README.md): HD Ticket 27/s batched against
/// 17/s single, HD Customer about 435/s against 60/s, Contact 6.3/s against 12.6/s (slower in a batch). Other doctypes
/// were not measured: a batch of them costs what its single posts would.
/// </summary>
static class BatchCost
{
    public const string ItemKey = "simulator.batch-cost";

    /// <summary>The service time of a batch of <paramref name="documents"/> of <paramref name="doctype"/>, in single posts.</summary>
    public static double Of(string doctype, int documents)
    {
        var (overhead, perDocument) = doctype switch
        {
            "HD Ticket" => (0.35, 0.65),
            "HD Customer" => (0.86, 0.14),
            "Contact" => (0.0, 2.0),
            _ => (0.0, 1.0),
        };
        return documents == 0 ? 1 : overhead + (documents * perDocument);
    }
}
