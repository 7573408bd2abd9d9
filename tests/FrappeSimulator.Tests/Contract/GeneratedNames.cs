using System.Text.Json;
using System.Text.Json.Nodes;

namespace FrappeSimulator.Tests.Contract;

/// <summary>Maps random names in the recordings to the ones the simulator chose, so later requests (GET .../jm2qo13sha) hit the right document.</summary>
public static class GeneratedNames
{
    public static void Learn(JsonNode? recorded, Exchange actual, Dictionary<string, string> names)
    {
        if (actual.ContentType != "application/json" || string.IsNullOrWhiteSpace(actual.Body))
        {
            return;
        }

        try
        {
            Walk(recorded, JsonNode.Parse(actual.Body), names);
        }
        catch (JsonException)
        {
            // Not JSON after all: nothing to learn.
        }
    }

    static void Walk(JsonNode? recorded, JsonNode? actual, Dictionary<string, string> names)
    {
        switch (recorded, actual)
        {
            case (JsonObject r, JsonObject a):
                foreach (var (key, value) in r)
                {
                    Walk(value, a[key], names);
                }

                break;
            case (JsonArray r, JsonArray a):
                for (var i = 0; i < Math.Min(r.Count, a.Count); i++)
                {
                    Walk(r[i], a[i], names);
                }

                break;
            case (JsonValue r, JsonValue a) when r.TryGetValue(out string? rs) && a.TryGetValue(out string? s) && GeneratedValues.IsHashName(rs) && rs != s:
                names.TryAdd(rs, s);
                break;
        }
    }
}
