using System.Text.Json.Nodes;
using FrappeSimulator.Behaviours;
using FrappeSimulator.Documents;
using FrappeSimulator.Faults;
using FrappeSimulator.Metadata;
using FrappeSimulator.Store;

namespace FrappeSimulator.Hosting;

/// <summary>One simulated Frappe site: metadata, database, clock, faults and the document engine.</summary>
sealed class SimulatedSite
{
    public SimulatedSite(SimulatorOptions options, FaultPlan faults)
    {
        Options = options;
        Faults = faults;
        Metadata = new MetadataRegistry(options.Helpdesk);
        Clock = new SiteClock(options.TimeProvider, TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));
        Engine = new DocumentEngine(this, new BehaviourRegistry(this));
    }

    public SimulatorOptions Options { get; }

    public FaultPlan Faults { get; }

    public MetadataRegistry Metadata { get; }

    public DocumentStore Store { get; } = new();

    public SiteClock Clock { get; }

    public DocumentEngine Engine { get; }

    public SessionUser ApiUser { get; } = SessionUser.Administrator;

    public bool IsModern => Options.Helpdesk == HelpdeskVersion.V1_22;

    public string HelpdeskRelease => IsModern ? "1.22.2" : "1.4.0";

    /// <summary>Default "suspend_email_queue", switched by toggle_sending.</summary>
    public bool EmailSendingSuspended { get; set; }

    /// <summary>The stored document (never change it), or null.</summary>
    public JsonObject? Find(string doctype, string name)
    {
        if (Metadata.Find(doctype) is not { } meta || Store.FindTable(meta.Name) is not { } table)
        {
            return null;
        }

        return table.Rows.TryGetValue(DocumentEngine.Key(meta, name), out var row) ? row.Data : null;
    }

    public JsonObject Settings => Find("HD Settings", "HD Settings") ?? [];

    public IEnumerable<JsonObject> All(string doctype) => Store.Ordered(doctype).Select(r => r.Data);
}
