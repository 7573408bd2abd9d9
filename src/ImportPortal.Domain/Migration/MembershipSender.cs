using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// Takes a membership record (Helpdesk 1.28+) to its outcome: the organisation's <c>contacts</c> table ends holding
/// this run's member contacts. It reads the table, adds only the contacts missing from it — never a second row for one
/// contact, never dropping a row already on the site — and writes it back carrying the <c>modified</c> it read, so a
/// concurrent change makes Frappe refuse the write (TimestampMismatchError) and the table is read again, never
/// overwritten. A PUT whose answer was lost is settled the same way: the next read shows whether it landed.
/// </summary>
/// <remarks>
/// Member contacts that did not succeed: the others still join, and the record fails as a dependency failure naming
/// the missing ones, like any record whose reference is missing. Retrying it once they succeed adds only what is
/// missing, so a retry is always safe. With "skip existing", only contacts an import created join (as a Contact link is
/// only written on a contact the run creates); with "update existing", every member contact joins.
/// </remarks>
internal sealed class MembershipSender(IFrappeSite site, ReferenceResolver references, IRecordStore store, LoopOptions options, TimeProvider time)
{
    private const string TimestampMismatch = "TimestampMismatchError";

    /// <summary>The name a dry run gives what it would create (see <see cref="RecordSender"/>).</summary>
    private const string WouldCreate = "(new)";

    // Frappe's own bookkeeping on a child row: it sets them again on save, so rows go back without them.
    private static readonly HashSet<string> RowStamps = ["owner", "creation", "modified", "modified_by", "docstatus", "idx", "parent", "parentfield", "parenttype", "doctype"];

    public async Task<(RecordOutcome, LedgerEntry?)> SendAsync(WorkItem item, AttemptRecorder log, CancellationToken ct)
    {
        if (await references.FindAsync(item.Entity, item.SourceKey, ct) is not { } organisation)
        {
            var cause = await store.FailureOfAsync(item.Entity, item.SourceKey, ct);
            return (log.Failed(item, RecordSender.DependencyFailed(item.Entity, item.SourceKey, cause)), null);
        }

        var (members, missing) = await MembersAsync(item, ct);
        var outcome = members.Count == 0
            ? log.Done(item, RecordState.Skipped, RecordResult.Existing, organisation.FrappeName, null)
            : await JoinAsync(item, organisation, members, log, ct);
        if (missing.Count == 0 || outcome.State == RecordState.Failed)
        {
            return (outcome, null);
        }

        var first = RecordSender.DependencyFailed(EntityKind.Contact, missing[0], await store.FailureOfAsync(EntityKind.Contact, missing[0], ct));
        var error = RecordError.Portal(first.Kind, new PortalText(RecordTexts.MembersNotJoined, [
            PortalArg.Value(missing.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            PortalArg.Value((missing.Count + members.Count).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            PortalArg.Of(first)]));
        return (log.Failed(item, error, outcome.SentBody), null);
    }

    /// <summary>The Frappe names of the member contacts that join, and the source keys of those that cannot yet.</summary>
    private async Task<(List<string> Members, List<string> Missing)> MembersAsync(WorkItem item, CancellationToken ct)
    {
        var members = new List<string>();
        var missing = new List<string>();
        foreach (var reference in item.Payload.References.Where(r => r.Entity == EntityKind.Contact))
        {
            if (await references.FindAsync(EntityKind.Contact, reference.SourceKey, ct) is not { } contact)
            {
                missing.Add(reference.SourceKey);
            }
            else if (contact.Created || options.Existing == ExistingMode.Update)
            {
                members.Add(contact.FrappeName == WouldCreate ? $"{WouldCreate} {reference.SourceKey}" : contact.FrappeName);
            }
        }

        return (members, missing);
    }

    private async Task<RecordOutcome> JoinAsync(WorkItem item, LedgerHit organisation, List<string> members, AttemptRecorder log, CancellationToken ct)
    {
        var name = organisation.FrappeName;
        var mayHaveLanded = false;
        for (var send = 1; ; send++)
        {
            // A dry run cannot read an organisation it only would create: its table starts empty.
            var current = options.DryRun && name == WouldCreate ? new JsonObject() : await ReadAsync(item.Doctype, name, log, ct);
            var body = Joined(current, members);
            if (body is null)
            {
                return mayHaveLanded
                    ? log.Done(item, RecordState.Succeeded, RecordResult.Updated, name, null)
                    : log.Done(item, RecordState.Skipped, RecordResult.Existing, name, null);
            }

            if (options.DryRun)
            {
                return log.Done(item, RecordState.Succeeded, RecordResult.WouldUpdate, name, body);
            }

            var started = time.GetTimestamp();
            try
            {
                await site.UpdateAsync(item.Doctype, name, (JsonObject)body.DeepClone(), ct);
                log.Add($"PUT {item.Doctype}/{name}", started, AttemptOutcomes.Updated);
                return log.Done(item, RecordState.Succeeded, RecordResult.Updated, name, body);
            }
            catch (FrappeException ex) when (send < options.MaxSends && Rereads(ex.Error))
            {
                log.Add($"PUT {item.Doctype}/{name}", started, ex.Error);
                // A refused stale write, or one that may have landed: read the table again and add what is still missing.
                // Any failed write may have landed: the HTTP client repeats a PUT on a reset or a 5xx, so the error that
                // reaches here is the last try's, and an earlier try may have committed before its answer was lost.
                mayHaveLanded = true;
                if (ex.Error.ExcType != TimestampMismatch)
                {
                    await Task.Delay(options.RetryDelay(send, ex.Error.RetryAfter), time, ct);
                }
            }
            catch (FrappeException ex)
            {
                log.Add($"PUT {item.Doctype}/{name}", started, ex.Error);
                throw;
            }
        }
    }

    private async Task<JsonObject> ReadAsync(string doctype, string name, AttemptRecorder log, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var document = await site.GetAsync(doctype, name, ct);
        log.Add($"GET {doctype}/{name}", started, document is null ? AttemptOutcomes.NotFound : AttemptOutcomes.Read);
        return document ?? throw new FrappeException(new FrappeError(FrappeErrorKind.NotFound, 404, "DoesNotExistError", [$"{doctype} {name} is no longer on the site."]));
    }

    /// <summary>The PUT body: every row already there, then a row per member not in it yet, and the <c>modified</c> read; null when none is missing.</summary>
    private static JsonObject? Joined(JsonObject current, List<string> members)
    {
        var rows = current[MembershipPlan.Table] is JsonArray table ? table.OfType<JsonObject>().ToList() : [];
        var present = new HashSet<string>(rows.Select(r => r["contact_name"]?.ToString() ?? ""), StringComparer.OrdinalIgnoreCase);
        var adding = members.Where(present.Add).ToList();
        if (adding.Count == 0)
        {
            return null;
        }

        var sent = new JsonArray();
        foreach (var row in rows)
        {
            var kept = new JsonObject();
            foreach (var (key, value) in row.Where(p => !RowStamps.Contains(p.Key)))
            {
                kept[key] = value?.DeepClone();
            }

            sent.Add(kept);
        }

        foreach (var contact in adding)
        {
            sent.Add(new JsonObject { ["contact_name"] = contact, ["is_manager"] = 0 });
        }

        var body = new JsonObject { [MembershipPlan.Table] = sent };
        if (current["modified"] is JsonValue modified)
        {
            body["modified"] = modified.DeepClone();
        }

        return body;
    }

    private static bool Rereads(FrappeError error) =>
        error.ExcType == TimestampMismatch || OutcomeRules.Decide(error) is SendDecision.RetryLater or SendDecision.LookUpThenResend;
}
