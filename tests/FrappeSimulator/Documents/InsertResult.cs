using System.Text.Json.Nodes;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Documents;

/// <summary>An inserted document as the insert answers it, plus any msgprints.</summary>
sealed record InsertResult(JsonObject Doc, IReadOnlyList<ServerMessage> Messages)
{
    public string Name => Store.JsonDocs.Text(Doc, "name")!;
}
