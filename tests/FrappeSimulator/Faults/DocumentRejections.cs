using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Faults;

/// <summary>Test-made validation rules: "HD Ticket whose subject contains X → 417 ValidationError M".</summary>
public sealed class DocumentRejections
{
    ImmutableList<Rejection> rules = [];

    /// <summary>Refuse documents of <paramref name="doctype"/> matching <paramref name="when"/> with a Frappe error.</summary>
    public void Add(string doctype, Func<JsonObject, bool> when, string message, string excType = "ValidationError", int status = 417) =>
        ImmutableInterlocked.Update(ref rules, r => r.Add(new Rejection(doctype, when, message, excType, status)));

    public void Clear() => rules = [];

    internal void ThrowIfRejected(string doctype, JsonObject doc)
    {
        foreach (var rule in rules)
        {
            if (string.Equals(rule.Doctype, doctype, StringComparison.OrdinalIgnoreCase) && rule.When(doc))
            {
                throw FrappeErrors.Fail(rule.ExcType, rule.Message, rule.Status);
            }
        }
    }

    sealed record Rejection(string Doctype, Func<JsonObject, bool> When, string Message, string ExcType, int Status);
}
