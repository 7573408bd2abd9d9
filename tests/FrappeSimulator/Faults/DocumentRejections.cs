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

    /// <summary>
    /// Refuses <paramref name="doc"/> when a rule matches it. A rule sees the document's name as Frappe's validate does
    /// (Frappe names a document before validating it): a Prompt-named ticket type is known by nothing else.
    /// </summary>
    internal void ThrowIfRejected(string doctype, JsonObject doc, string? name)
    {
        var current = rules;
        if (current.IsEmpty)
        {
            return;
        }

        var named = name is null || doc.ContainsKey("name") ? doc : new JsonObject(doc.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))) { ["name"] = name };
        foreach (var rule in current)
        {
            if (string.Equals(rule.Doctype, doctype, StringComparison.OrdinalIgnoreCase) && rule.When(named))
            {
                throw FrappeErrors.Fail(rule.ExcType, rule.Message, rule.Status);
            }
        }
    }

    sealed record Rejection(string Doctype, Func<JsonObject, bool> When, string Message, string ExcType, int Status);
}
