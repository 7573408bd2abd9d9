namespace FrappeSimulator.Hosting;

/// <summary>Which recorded Helpdesk release the simulator imitates.</summary>
public enum HelpdeskVersion
{
    /// <summary>Helpdesk 1.4.0: integer ticket names, Select status validated on insert, no contact auto-fill.</summary>
    V1_4,

    /// <summary>Helpdesk 1.22.2: "0001" ticket names, Link status forced to the default on insert.</summary>
    V1_22,
}
