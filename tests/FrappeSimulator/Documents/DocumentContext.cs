using System.Text.Json.Nodes;
using FrappeSimulator.Hosting;
using FrappeSimulator.Metadata;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Documents;

/// <summary>One document on its way through insert or save: what behaviours read and change.</summary>
sealed class DocumentContext(SimulatedSite site, DocTypeMeta meta, JsonObject doc, SessionUser user, Transaction transaction, JsonObject? previous = null)
{
    public SimulatedSite Site => site;

    public DocTypeMeta Meta => meta;

    /// <summary>The document as the request shaped it (posted forms kept, as Frappe answers an insert with its in-memory doc).</summary>
    public JsonObject Doc => doc;

    public SessionUser User => user;

    public Transaction Transaction => transaction;

    /// <summary>The stored document before this save; null for an insert.</summary>
    public JsonObject? Previous => previous;

    public bool IsNew => previous is null;

    /// <summary>Name shown in messages before the final name is known (e.g. "HD Ticket 0005: ...").</summary>
    public string ProvisionalName { get; set; } = "";

    /// <summary>Name already taken for good during validation (autoincrement numbers are not given back).</summary>
    public JsonNode? ReservedName { get; set; }

    public int Idx { get; set; }

    /// <summary>Non-error msgprints that ride along on a successful answer.</summary>
    public List<ServerMessage> Messages { get; } = [];

    public DateTime Now { get; } = site.Clock.Now();

    public string NowText => FrappeFormat.Datetime(Now);

    public string? Text(string field) => JsonDocs.Text(doc, field);

    public bool IsEmpty(string field) => JsonDocs.IsEmpty(doc[field]);

    public bool Changed(string field) => previous is not null && JsonDocs.Text(previous, field) != JsonDocs.Text(doc, field);
}
