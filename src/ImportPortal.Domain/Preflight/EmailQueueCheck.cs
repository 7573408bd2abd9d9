using System.Globalization;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Preflight;

/// <summary>
/// Outgoing mail. Whether sending is suspended is a system default that REST cannot read, so this counts the
/// e-mails waiting in Email Queue: they would go out as soon as sending is (re)enabled.
/// </summary>
internal sealed class EmailQueueCheck : IPreflightCheck
{
    public string Id => PreflightCheckIds.EmailQueue;

    public async Task<PreflightLine> RunAsync(IFrappeSite site, CancellationToken ct)
    {
        var filters = new JsonArray(new JsonArray("status", "=", "Not Sent"));
        var pending = await site.CountAsync("Email Queue", filters, ct);
        var facts = new JsonObject { ["not_sent"] = pending, ["suspended_readable"] = false };
        return pending > 0
            ? new(Id, PreflightSeverity.Amber, PreflightKeys.EmailQueuePending, [pending.ToString(CultureInfo.InvariantCulture)], PreflightKeys.EmailQueueReview, facts)
            : new(Id, PreflightSeverity.Green, PreflightKeys.EmailQueueEmpty, [], null, facts);
    }
}
