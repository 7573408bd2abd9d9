using System.Text.Json.Nodes;

namespace FrappeSimulator.Store;

/// <summary>A committed document; <see cref="Data"/> is never changed after it is stored.</summary>
sealed record StoredDocument(JsonObject Data, long Sequence);
