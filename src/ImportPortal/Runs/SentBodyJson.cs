using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImportPortal.Runs;

/// <summary>
/// How a record's last sent body is kept: a sent body repeats the insert it was made from (the operator's edit, else
/// the planned body) with the references written in, so only its differences are written, as
/// <c>{"$changes": {field: value, …}, "$removed": [field, …]}</c>. Frappe's field names never start with <c>$</c>.
/// Keeping every body whole doubled each record's row: a quarter of the records database's time per record went to
/// writing it (measured with the claims, lookups and outcome batches of 40,000 tickets, the variants taking turns).
/// A body not made from the insert (a finalise's status and times) is kept whole, and so is one that differs more than
/// it repeats.
/// </summary>
public static class SentBodyJson
{
    private const string Changes = "$changes";
    private const string Removed = "$removed";

    /// <summary>Writes what is kept of <paramref name="body"/>'s sent body, made from its insert (or not, when null).</summary>
    public static void Write(Utf8JsonWriter json, (JsonObject Sent, JsonObject? From) body)
    {
        ArgumentNullException.ThrowIfNull(json);
        var (sent, from) = body;
        ArgumentNullException.ThrowIfNull(sent);
        if (from is null)
        {
            sent.WriteTo(json);
            return;
        }

        // The planned body itself when nothing was written into it.
        List<KeyValuePair<string, JsonNode?>> changed = [];
        if (!ReferenceEquals(sent, from))
        {
            foreach (var property in sent)
            {
                if (!from.TryGetPropertyValue(property.Key, out var before) || !JsonNode.DeepEquals(before, property.Value))
                {
                    changed.Add(property);
                }
            }
        }

        var removed = ReferenceEquals(sent, from) ? 0 : from.Count(p => !sent.ContainsKey(p.Key));
        if ((changed.Count + removed) * 2 > sent.Count)
        {
            sent.WriteTo(json);
            return;
        }

        json.WriteStartObject();
        json.WriteStartObject(Changes);
        foreach (var (key, value) in changed)
        {
            json.WritePropertyName(key);
            if (value is null)
            {
                json.WriteNullValue();
            }
            else
            {
                value.WriteTo(json);
            }
        }

        json.WriteEndObject();
        if (removed > 0)
        {
            json.WriteStartArray(Removed);
            foreach (var (key, _) in from)
            {
                if (!sent.ContainsKey(key))
                {
                    json.WriteStringValue(key);
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>The body as it was sent, from what was kept and the insert it was made from; null when nothing was sent.</summary>
    public static JsonObject? Read(string? stored, JsonObject from)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (stored is null || JsonNode.Parse(stored) is not JsonObject kept)
        {
            return null;
        }

        if (!kept.TryGetPropertyValue(Changes, out var changes) || changes is not JsonObject changed)
        {
            return kept;
        }

        var sent = (JsonObject)from.DeepClone();
        foreach (var (key, value) in changed)
        {
            sent[key] = value?.DeepClone();
        }

        if (kept[Removed] is JsonArray removed)
        {
            foreach (var key in removed)
            {
                sent.Remove(key!.GetValue<string>());
            }
        }

        return sent;
    }

    /// <summary>
    /// What was kept, made whole: before the insert it was made from is edited, so that the body last sent still reads
    /// as it went.
    /// </summary>
    public static string? Whole(string? stored, JsonObject from) => Read(stored, from)?.ToJsonString();
}
