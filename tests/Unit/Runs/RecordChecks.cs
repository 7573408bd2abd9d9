using ImportPortal.Domain.Migration;
using ImportPortal.Runs;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>What a finished run's records must say: nothing left in flight or pending, every failure with its reason.</summary>
public static class RecordChecks
{
    /// <summary>Records neither Succeeded nor Skipped nor Failed with a reason (lost), as sentences.</summary>
    public static List<string> LostRecords(IEnumerable<ImportRecord> records) =>
        records
            .Where(r => !(r.State is RecordState.Succeeded or RecordState.Skipped || (r.State is RecordState.Failed && !string.IsNullOrWhiteSpace(r.ErrorMessage) && r.ErrorKind is not null)))
            .Select(Describe)
            .ToList();

    /// <summary>Fails, listing them with the run's tally, when some records of an account export's run did not go through.</summary>
    public static void AllWentThrough(IReadOnlyList<ImportRecord> records, AccountExport export, string when = "")
    {
        var notDone = NotSucceeded(records, export);
        Assert.True(notDone.Count == 0, $"every record should have succeeded{when}: {Tally(records)}\n{ImportedSite.Describe(notDone)}");
    }

    /// <summary>Records of an account export's run that did not go through, as sentences.</summary>
    public static List<string> NotSucceeded(IEnumerable<ImportRecord> records, AccountExport export) =>
        records.Where(r => !WentThrough(r, export)).Select(Describe).ToList();

    /// <summary>
    /// Succeeded, or an agent's contact found on the site: Frappe makes one with every new user, so the run's contact
    /// record for the agent is skipped as existing; so is a ticket type or a team a fresh site has.
    /// </summary>
    public static bool WentThrough(ImportRecord r, AccountExport export) =>
        r.State == RecordState.Succeeded
        || (r is { Stage: RunStage.Contacts, State: RecordState.Skipped, Result: RecordResult.Existing } && export.Agents.Any(a => a.Email == r.SourceKey))
        || FoundOnFreshSite(r);

    /// <summary>A ticket type or a team a fresh Helpdesk site has, found there and left as it is.</summary>
    public static bool FoundOnFreshSite(ImportRecord r) =>
        (r is { Stage: RunStage.TicketTypes, State: RecordState.Skipped, Result: RecordResult.Existing } && AccountExport.SiteTicketTypes.Contains(r.SourceKey))
        || (r is { Stage: RunStage.Teams, State: RecordState.Skipped, Result: RecordResult.Existing } && AccountExport.SiteTeams.Contains(r.SourceKey));

    public static string Describe(ImportRecord r) =>
        $"record {r.Id} {r.Stage} {r.Doctype} {r.SourceKey}: {r.State} {r.Result} {r.ErrorKind} {r.ErrorExcType} {r.ErrorMessage}".TrimEnd();

    /// <summary>When each stage's last outcome was written, from the run's start: where a slow run spends its time.</summary>
    public static string StageTimes(IEnumerable<ImportRecord> records, DateTimeOffset start) =>
        string.Join(", ", records.Where(r => r.UpdatedAt is not null).GroupBy(r => r.Stage).OrderBy(g => g.Key)
            .Select(g => $"{g.Key} {g.Count()} by {(g.Max(r => r.UpdatedAt!.Value) - start).TotalSeconds:0.0} s"));

    /// <summary>How many records ended in each state, for a failure message.</summary>
    public static string Tally(IEnumerable<ImportRecord> records) =>
        string.Join(", ", records.GroupBy(r => (r.Stage, r.State)).OrderBy(g => g.Key).Select(g => $"{g.Key.Stage}/{g.Key.State}: {g.Count()}"));
}
