using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Mapping;

/// <summary>Writes a resolved reference into a body: the Frappe name of the entity at the reference's field (<c>customer</c>, <c>links.0.link_name</c>).</summary>
public static class ReferenceWriter
{
    public static void Apply(JsonObject body, EntityReference reference, string frappeName)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(reference);
        TargetPath.Parse(reference.Field).Write(body, JsonValue.Create(frappeName));
    }
}
