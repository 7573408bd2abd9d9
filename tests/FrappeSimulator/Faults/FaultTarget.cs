namespace FrappeSimulator.Faults;

/// <summary>Which requests a fault rule watches; empty properties match everything.</summary>
public sealed record FaultTarget
{
    public static FaultTarget Any { get; } = new();

    /// <summary>Doctype of an <c>/api/resource/{doctype}</c> request, e.g. "HD Ticket".</summary>
    public string? Doctype { get; init; }

    /// <summary>Dotted method of an <c>/api/method/{method}</c> request, e.g. "frappe.client.insert_many".</summary>
    public string? Method { get; init; }

    /// <summary>HTTP verb, e.g. "POST".</summary>
    public string? HttpMethod { get; init; }

    public static FaultTarget ForDoctype(string doctype, string? httpMethod = null) => new() { Doctype = doctype, HttpMethod = httpMethod };

    public static FaultTarget ForMethod(string method) => new() { Method = method };

    internal bool Matches(RequestTarget request) =>
        (Doctype is null || string.Equals(Doctype, request.Doctype, StringComparison.OrdinalIgnoreCase))
        && (Method is null || string.Equals(Method, request.Method, StringComparison.Ordinal))
        && (HttpMethod is null || string.Equals(HttpMethod, request.HttpMethod, StringComparison.OrdinalIgnoreCase));
}
