using System.Globalization;

namespace FrappeSimulator.Validation;

/// <summary>The error bodies the recordings show, one factory per kind.</summary>
public static class FrappeErrors
{
    /// <summary>frappe.throw: 417 by default, red message with raise_exception.</summary>
    public static FrappeError Throw(string excType, string message, int status = 417, string title = "Message", string? frames = null) =>
        new(status, excType, $"frappe.exceptions.{excType}: {message}", [new ServerMessage(message, title)], frames);

    public static FrappeException Fail(string excType, string message, int status = 417, string title = "Message", string? frames = null) =>
        new(Throw(excType, message, status, title, frames));

    public static FrappeException NotFound(string doctype, string name) =>
        new(new FrappeError(404, "DoesNotExistError", null, [new ServerMessage($"{doctype} {name} not found")]));

    public static FrappeException DocTypeNotFound(string doctype) =>
        new(new FrappeError(404, "DoesNotExistError", null, [new ServerMessage($"DocType {doctype} not found")]));

    public static FrappeException Duplicate(string doctype, string name) => new(new FrappeError(
        409,
        "DuplicateEntryError",
        string.Create(CultureInfo.InvariantCulture, $"frappe.exceptions.DuplicateEntryError: ('{doctype}', '{name}', IntegrityError(1062, \"Duplicate entry '{name}' for key 'PRIMARY'\"))"),
        [new ServerMessage($"{doctype} <strong>{name}</strong> already exists", "Duplicate Name", "red", RaiseException: false)]));

    public static FrappeException Unique(string doctype, string name, string fieldname, string label, string value) => new(new FrappeError(
        417,
        "UniqueValidationError",
        $"frappe.exceptions.UniqueValidationError: ('{doctype}', '{name}', IntegrityError(1062, \"Duplicate entry '{value}' for key '{fieldname}'\"))",
        [new ServerMessage($"{label} must be unique", Indicator: null, RaiseException: false)]));

    public static FrappeException Mandatory(string doctype, string name, IReadOnlyList<(string Fieldname, string Message)> missing) => new(new FrappeError(
        417,
        "MandatoryError",
        $"frappe.exceptions.MandatoryError: [{doctype}, {name}]: {string.Join(", ", missing.Select(m => m.Fieldname))}",
        missing.Select(m => new ServerMessage(m.Message, Indicator: null, RaiseException: false)).ToList()));

    public static FrappeError Authentication() =>
        new(401, "AuthenticationError", "frappe.exceptions.AuthenticationError", []);

    public static FrappeError MethodNotWhitelisted(string method)
    {
        var message = $"<details><summary>You are not permitted to access this resource.</summary>Function <strong>{method}</strong> is not whitelisted.</details>";
        return Throw("PermissionError", message, 403, "Method Not Allowed");
    }

    public static FrappeError Deadlock() => new(
        500,
        "QueryDeadlockError",
        "frappe.exceptions.QueryDeadlockError: (1213, 'Deadlock found when trying to get lock; try restarting transaction')",
        []);

    public static FrappeError TooManyRequests() => Throw(
        "TooManyRequestsError",
        "You hit the rate limit because of too many requests. Please try after sometime.",
        429,
        "Too Many Requests");
}
