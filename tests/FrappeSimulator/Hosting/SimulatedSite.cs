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

    /// <summary>Uploaded bytes by file_url (the File documents describing them are in <see cref="Store"/>).</summary>
    public SiteFiles Files { get; } = new();

    public SiteClock Clock { get; }

    public DocumentEngine Engine { get; }

    public SessionUser ApiUser { get; } = SessionUser.Administrator;

    /// <summary>Helpdesk 1.22 or later: "0001" ticket names, status forced on insert, contact and customer from raised_by.</summary>
    public bool IsModern => Options.Helpdesk >= HelpdeskVersion.V1_22;

    /// <summary>Helpdesk 1.28 or later: membership lives in HD Customer's <c>contacts</c> table, not in Contact <c>links</c>.</summary>
    public bool HasCustomerMembers => Options.Helpdesk >= HelpdeskVersion.V1_28;

    public string HelpdeskRelease => ReleaseOf(Options.Helpdesk);

    public static string ReleaseOf(HelpdeskVersion version) => version switch
    {
        HelpdeskVersion.V1_4 => "1.4.0",
        HelpdeskVersion.V1_22 => "1.22.2",
        _ => "1.28.1",
    };

    /// <summary>Default "suspend_email_queue", switched by toggle_sending.</summary>
    public bool EmailSendingSuspended
    {
        get => Volatile.Read(ref emailSendingSuspended);
        set => Volatile.Write(ref emailSendingSuspended, value);
    }

    bool emailSendingSuspended;

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

    /// <summary>Documents whose field equals the value (case-insensitively), oldest first; indexed fields avoid a scan.</summary>
    public IEnumerable<JsonObject> FindBy(string doctype, string field, string value)
    {
        if (Store.FindTable(doctype) is not { } table)
        {
            return [];
        }

        var rows = table.Lookup.Covers(field)
            ? table.Lookup.Names(field, value).Select(n => table.Rows.TryGetValue(n, out var row) ? row : null).OfType<StoredDocument>()
            : table.Rows.Values.Where(r => string.Equals(JsonDocs.Text(r.Data, field), value, StringComparison.OrdinalIgnoreCase));
        return rows.OrderBy(r => r.Sequence).Select(r => r.Data).ToList();
    }
}
