using System.Text.Json.Nodes;

namespace FrappeSimulator.Validation;

/// <summary>One msgprint entry of <c>_server_messages</c>.</summary>
public sealed record ServerMessage(
    string Message,
    string Title = "Message",
    string? Indicator = "red",
    bool RaiseException = true,
    JsonObject? PrimaryAction = null);
