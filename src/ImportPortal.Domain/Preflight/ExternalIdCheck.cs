using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Preflight;

/// <summary>The external-id field (<see cref="ExternalIdFields"/>) exists on every doctype that needs it.</summary>
internal sealed class ExternalIdCheck : IPreflightCheck
{
    public string Id => PreflightCheckIds.ExternalId;

    public async Task<PreflightLine> RunAsync(IFrappeSite site, CancellationToken ct)
    {
        var present = new List<string>();
        var missing = new List<string>();
        var fields = new JsonObject();
        foreach (var doctype in ExternalIdFields.DocTypes)
        {
            var field = (await site.GetMetaAsync(doctype, ct)).Field(ExternalIdFields.Fieldname);
            (field is null ? missing : present).Add(doctype);
            fields[doctype] = field is null ? null : new JsonObject { ["fieldtype"] = field.Fieldtype, ["unique"] = field.Unique };
        }

        var facts = new JsonObject { ["fieldname"] = ExternalIdFields.Fieldname, ["fields"] = fields, ["missing"] = PreflightJson.Array(missing) };
        return missing.Count > 0
            ? new(Id, PreflightSeverity.Amber, PreflightKeys.ExternalIdMissing, [PreflightJson.Join(missing), ExternalIdFields.Fieldname], PreflightKeys.ExternalIdCreate, facts)
            : new(Id, PreflightSeverity.Green, PreflightKeys.ExternalIdAllPresent, [PreflightJson.Join(present), ExternalIdFields.Fieldname], null, facts);
    }
}
