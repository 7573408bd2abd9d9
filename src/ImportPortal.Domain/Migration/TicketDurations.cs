using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// A migrated ticket's first response and resolution times (<c>first_response_time</c>, <c>resolution_time</c>: working
/// seconds of its SLA), as Helpdesk would have measured them from the ticket's own dates. Helpdesk measures them when a
/// ticket's status changes, from the SLA's start (<c>service_level_agreement_creation</c>, the source's created time) to
/// the first response and to "now" — on the day of the migration, that is years of working time for an old ticket, and
/// Helpdesk's dashboard averages them ("Avg. First Response", "Avg. Resolution"). The finalise writes them back with the
/// ticket's original dates, in the same PUT, measured in the working hours and holidays of the ticket's own SLA.
/// <para>
/// The same PUT says whether the ticket was raised outside those hours (<c>raised_outside_working_hours</c>, Helpdesk
/// 1.20+): Helpdesk sets it when a ticket is inserted, from the moment of the insert, so a migration run at night marked
/// every ticket so, and by day none; and it never sets it again.
/// </para>
/// </summary>
public sealed class TicketDurations(IFrappeSite site, TimeProvider time)
{
    public const string FirstResponseTime = "first_response_time";
    public const string ResolutionTime = "resolution_time";
    public const string SlaStart = "service_level_agreement_creation";
    public const string RaisedOutside = "raised_outside_working_hours";

    private const string FirstResponded = "first_responded_on";
    private const string Resolved = "resolution_date";

    private const string SlaDoctype = "HD Service Level Agreement";
    private const string HolidayDoctype = "HD Service Holiday List";

    private readonly ConcurrentDictionary<string, Lazy<Task<SlaFields>>> _fields = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<SlaCalendar>>> _calendars = new(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="dates"/> with the durations its dates give, measured from the SLA start of the <paramref name="ticket"/>
    /// (as the site answered its status PUT, or else as read), and whether that start lay outside the SLA's working hours.
    /// A value the profile maps itself is kept as mapped; none is added when the doctype has no such field or the ticket no
    /// SLA start, and no duration when the dates have no time to end it at.
    /// </summary>
    internal async Task<JsonObject> AddAsync(string doctype, Func<CancellationToken, Task<JsonObject?>> ticket, JsonObject dates, AttemptRecorder log, CancellationToken ct)
    {
        var wanted = Wanted(dates);
        var raised = !dates.ContainsKey(RaisedOutside);
        if (wanted.Count == 0 && !raised)
        {
            return dates;
        }

        var has = await HasFieldsAsync(doctype, ct);
        wanted = [.. wanted.Where(w => w.Field == FirstResponseTime ? has.FirstResponse : has.Resolution)];
        raised &= has.RaisedOutside;
        if ((wanted.Count == 0 && !raised) || await ticket(ct) is not { } doc || SlaCalendar.DateTimeOf(Text(doc, SlaStart)) is not { } start)
        {
            return dates;
        }

        var calendar = await CalendarAsync(Text(doc, "sla"), log, ct);
        var body = (JsonObject)dates.DeepClone();
        foreach (var (field, end) in wanted)
        {
            body[field] = calendar.WorkingSeconds(start, end);
        }

        // An SLA that could not be read (or has no hours) tells nothing of its hours: the flag is left as the site set it.
        if (raised && !ReferenceEquals(calendar, SlaCalendar.AllHours))
        {
            body[RaisedOutside] = calendar.IsWorkingTime(start) ? 0 : 1;
        }

        return body;
    }

    /// <summary>
    /// <paramref name="dates"/> with the first response at the resolution, for a ticket resolved without one: Helpdesk
    /// (1.15+) counts such a ticket as answered when it is resolved, and its status PUT stamped <c>first_responded_on</c>
    /// with "now" (<paramref name="answered"/> has it, the dates do not). The source's resolution is when that was.
    /// </summary>
    public static JsonObject RespondedAtResolution(JsonObject dates, JsonObject answered)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(answered);
        if (dates.ContainsKey(FirstResponded) || Text(answered, FirstResponded) is not { Length: > 0 } || SlaCalendar.DateTimeOf(Text(dates, Resolved)) is null)
        {
            return dates;
        }

        var body = (JsonObject)dates.DeepClone();
        body[FirstResponded] = dates[Resolved]!.DeepClone();
        return body;
    }

    /// <summary>The durations <paramref name="dates"/> can give, when a ticket needs them: each with the time it ends at.</summary>
    public static IReadOnlyList<(string Field, DateTime End)> Wanted(JsonObject dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var wanted = new List<(string, DateTime)>(2);
        foreach (var (field, ends) in new[] { (FirstResponseTime, FirstResponded), (ResolutionTime, Resolved) })
        {
            if (!dates.ContainsKey(field) && SlaCalendar.DateTimeOf(Text(dates, ends)) is { } end)
            {
                wanted.Add((field, end));
            }
        }

        return wanted;
    }

    private Task<SlaFields> HasFieldsAsync(string doctype, CancellationToken ct) =>
        OnceAsync(_fields, doctype, async () =>
        {
            var meta = await site.GetMetaAsync(doctype, CancellationToken.None);
            return new SlaFields(meta.HasField(FirstResponseTime), meta.HasField(ResolutionTime), meta.HasField(RaisedOutside));
        }, ct);

    /// <summary>
    /// The calendar of the SLA called <paramref name="sla"/>, read once per run. An SLA the API user may not read (or
    /// that is gone) is measured on the clock, and the attempts of the record that read it say so; a site that does not
    /// answer fails the finalise transiently, to be tried again.
    /// </summary>
    private Task<SlaCalendar> CalendarAsync(string? sla, AttemptRecorder log, CancellationToken ct) =>
        string.IsNullOrEmpty(sla) ? Task.FromResult(SlaCalendar.AllHours) : OnceAsync(_calendars, sla, () => ReadCalendarAsync(sla, log), ct);

    private async Task<SlaCalendar> ReadCalendarAsync(string sla, AttemptRecorder log)
    {
        var started = time.GetTimestamp();
        try
        {
            var doc = await site.GetAsync(SlaDoctype, sla, CancellationToken.None);
            var holidays = doc is not null && Text(doc, "holiday_list") is { Length: > 0 } list ? await site.GetAsync(HolidayDoctype, list, CancellationToken.None) : null;
            var calendar = doc is null ? SlaCalendar.AllHours : SlaCalendar.From(doc, holidays);
            log.Add($"GET {SlaDoctype}/{sla}", started, doc is null
                ? AttemptOutcomes.SlaNotFound
                : calendar.IsAllHours ? AttemptOutcomes.SlaAllHours : AttemptOutcomes.SlaRead);
            return calendar;
        }
        catch (FrappeException ex) when (ex.Error.Kind is FrappeErrorKind.AuthOrPermission or FrappeErrorKind.NotFound)
        {
            log.Add($"GET {SlaDoctype}/{sla}", started, ex.Error);
            return SlaCalendar.AllHours;
        }
    }

    /// <summary>What <paramref name="read"/> gives for <paramref name="key"/>, read once; a read that failed is read again next time.</summary>
    private static async Task<T> OnceAsync<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string key, Func<Task<T>> read, CancellationToken ct)
    {
        var once = cache.GetOrAdd(key, _ => new Lazy<Task<T>>(read));
        try
        {
            return await once.Value.WaitAsync(ct);
        }
        catch (Exception) when (once.Value.IsFaulted || once.Value.IsCanceled)
        {
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, once));
            throw;
        }
    }

    private static string? Text(JsonObject doc, string field) =>
        doc[field] is JsonValue v ? v.ToString() : null;

    /// <summary>Which of the fields this class writes the ticket doctype has (Helpdesk adds them version by version).</summary>
    private sealed record SlaFields(bool FirstResponse, bool Resolution, bool RaisedOutside);
}
