namespace FrappeSimulator.Hosting;

/// <summary>Which recorded Helpdesk release the simulator imitates.</summary>
public enum HelpdeskVersion
{
    /// <summary>Helpdesk 1.4.0: integer ticket names, Select status validated on insert, no contact auto-fill.</summary>
    V1_4,

    /// <summary>Helpdesk 1.22.2: "0001" ticket names, Link status forced to the default on insert.</summary>
    V1_22,

    /// <summary>
    /// Helpdesk 1.28.1: as 1.22, and an HD Customer keeps its contacts in its own <c>contacts</c> table (HD Customer
    /// Member) with a <c>customer_type</c> and a <c>primary_contact</c>; a new ticket's customer comes from that table.
    /// </summary>
    V1_28,
}
