using System.Globalization;
using System.Text.RegularExpressions;
using ImportPortal.Domain.Migration;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Persistence;

/// <summary>One line of the audit as the activity page shows it; <see cref="RunId"/> when its subject is a run that is still there.</summary>
public sealed record AuditLine(long Id, DateTimeOffset At, string Actor, string Action, string Subject, string? Detail, Guid? RunId)
{
    /// <summary>The portal's sentences behind <see cref="Detail"/>, when it wrote some (<see cref="AuditEvent.DetailText"/>).</summary>
    public string? DetailText { get; init; }

    /// <summary>The detail as the reader reads it: the portal's sentences in their language, data as it was written.</summary>
    public string? DetailShown => Runs.PortalTexts.ForReader(DetailText, Detail);
}

/// <summary>
/// What the activity page asks for: a group of actions (<see cref="AuditTrail.Groups"/>), words found in who, what, the
/// subject or the detail — or in an action's label in the reader's language (<paramref name="ActionsSaying"/>) —, and a page.
/// </summary>
public sealed record AuditFilter(string? Group, string? Text, IReadOnlyCollection<string>? ActionsSaying, int Skip, int Take)
{
    /// <summary>Only what was done on this subject, as the audit names it ("run 12"): a run's dashboard links to its own.</summary>
    public string? Subject { get; init; }
}

/// <summary>
/// Reads the audit (<see cref="AuditLog"/> writes it): who changed a site, started, retried, skipped or took back a run,
/// saved a profile, deleted an upload or changed a user, newest first, a page at a time.
/// </summary>
public sealed partial class AuditTrail(IDbContextFactory<PortalDbContext> databases)
{
    /// <summary>The groups of actions, by the word their codes start with ("run.started", "site.changed").</summary>
    public static IReadOnlyList<string> Groups { get; } = ["site", "upload", "profile", "run", "record", "user"];

    public async Task<(IReadOnlyList<AuditLine> Lines, int Total)> PageAsync(AuditFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await databases.CreateDbContextAsync(ct);
        var events = Matching(db, filter);
        var total = await events.CountAsync(ct);
        // The id is the order they were written in (their time is kept as a number SQLite cannot sort as a date).
        var page = (await events.OrderByDescending(e => e.Id).Skip(filter.Skip).Take(filter.Take).ToListAsync(ct))
            .Select(e => (Event: e, Run: RunNamed(e.Subject))).ToList();
        var numbers = page.Select(p => p.Run.Number).OfType<int>().Distinct().ToList();
        var ids = page.Select(p => p.Run.Id).OfType<Guid>().Distinct().ToList();
        var runs = numbers.Count + ids.Count == 0
            ? []
            : await db.ImportRuns.AsNoTracking().Where(r => r.DeletedAt == null && (EF.Parameter(numbers).Contains(r.Number) || EF.Parameter(ids).Contains(r.Id)))
                .Select(r => new { r.Id, r.Number }).ToListAsync(ct);
        return (page.Select(p => new AuditLine(p.Event.Id, p.Event.At, p.Event.Actor, p.Event.Action, p.Event.Subject, p.Event.Detail, p.Run switch
        {
            { Number: { } number } => runs.FirstOrDefault(r => r.Number == number)?.Id,
            { Id: { } id } => runs.FirstOrDefault(r => r.Id == id)?.Id,
            _ => null,
        }) { DetailText = p.Event.DetailText }).ToList(), total);
    }

    /// <summary>
    /// Every event the filter matches (its page aside), newest first, as CSV: the time in UTC and on the team's clock,
    /// who, the action's code and its label, the subject and the detail (the portal's sentences), under column names in
    /// the reader's language (<paramref name="words"/>, SharedResource): the page's table, every page of it.
    /// Cells a spreadsheet would read as a formula are neutralised: a profile's or a site's name is the operator's text.
    /// </summary>
    public async Task WriteCsvAsync(AuditFilter filter, Microsoft.Extensions.Localization.IStringLocalizer words, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(words);
        await using var db = await databases.CreateDbContextAsync(ct);
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(true), 64 * 1024, leaveOpen: true);
        await Runs.RunDownloads.WriteLineAsync(writer,
        [
            words["Activity.Csv.AtUtc"], words["Activity.Csv.AtTeam", Runs.TeamClock.ZoneId], words["Activity.Csv.Who"], words["Activity.Csv.Action"],
            words["Activity.Csv.What"], words["Activity.Csv.Subject"], words["Activity.Csv.Detail"],
        ]);
        await foreach (var e in Matching(db, filter).OrderByDescending(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            await Runs.RunDownloads.WriteLineAsync(writer,
            [
                e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                TimeZoneInfo.ConvertTime(e.At, Runs.TeamClock.Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Actor(words, e.Actor), e.Action, Label(words, e.Action), e.Subject, Runs.PortalTexts.ForReader(e.DetailText, e.Detail) ?? "",
            ]);
        }
    }

    private static IQueryable<AuditEvent> Matching(PortalDbContext db, AuditFilter filter)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (filter.Group is { Length: > 0 } group)
        {
            var prefix = group + ".";
            events = events.Where(e => e.Action.StartsWith(prefix));
        }

        if (filter.Subject is { Length: > 0 } subject)
        {
            events = events.Where(e => e.Subject == subject);
        }

        if (filter.Text?.Trim() is { Length: > 0 } words)
        {
            // SQLite's LIKE ignores the case of ASCII letters only: "hỗ trợ" finds "Hỗ trợ" and not "HỖ TRỢ".
            var pattern = "%" + words.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            var actions = filter.ActionsSaying?.ToList() ?? [];
            // The portal's sentences are read translated: words of the reader's language find the details that say them.
            var sentences = Runs.PortalTexts.StoredKeysSaying(words, CultureInfo.CurrentUICulture, AuditTexts.All.Keys);
            events = events.Where(e => EF.Functions.Like(e.Actor, pattern, "\\") || EF.Functions.Like(e.Subject, pattern, "\\")
                || (e.Detail != null && EF.Functions.Like(e.Detail, pattern, "\\")) || EF.Functions.Like(e.Action, pattern, "\\")
                || EF.Parameter(actions).Contains(e.Action)
                || (e.DetailText != null && sentences.Any(s => e.DetailText.Contains(s))));
        }

        return events;
    }

    /// <summary>
    /// The actions whose label (<c>Audit.{action}</c> of <paramref name="labels"/>) says the words in the reader's
    /// language, with or without Vietnamese marks (the action's code is searched as it is).
    /// </summary>
    public static List<string> ActionsSaying(Microsoft.Extensions.Localization.IStringLocalizer labels, string? words)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var wanted = Runs.PortalTexts.Folded(words?.Trim() ?? "");
        return wanted.Length < 3
            ? []
            : labels.GetAllStrings(includeParentCultures: true).Where(s => s.Name.StartsWith(LabelKey, StringComparison.Ordinal) && Runs.PortalTexts.Folded(s.Value).Contains(wanted, StringComparison.Ordinal))
                .Select(s => s.Name[LabelKey.Length..]).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Who did it, as the reader reads it: the portal's own jobs write as "system", the Admin made from appsettings as "configuration".</summary>
    public static string Actor(Microsoft.Extensions.Localization.IStringLocalizer words, string actor)
    {
        ArgumentNullException.ThrowIfNull(words);
        return actor switch
        {
            "system" => words["Activity.System"],
            "configuration" => words["Activity.Configuration"],
            _ => actor,
        };
    }

    /// <summary>An action's label in the reader's language (its code when it has none).</summary>
    public static string Label(Microsoft.Extensions.Localization.IStringLocalizer labels, string action) =>
        (labels ?? throw new ArgumentNullException(nameof(labels)))[LabelKey + action] is { ResourceNotFound: false } label ? label.Value : action;

    /// <summary>Where an action's label is kept in SharedResource.</summary>
    public const string LabelKey = "Audit.";

    /// <summary>How the audit names a run, as every action writes it.</summary>
    public static string RunSubject(int number) => string.Create(CultureInfo.InvariantCulture, $"run {number}");

    /// <summary>The run an audit subject names: "run 12" by its number, as every action writes it (a skip wrote its id before).</summary>
    internal static (int? Number, Guid? Id) RunNamed(string subject)
    {
        var match = RunSubjectPattern().Match(subject);
        if (!match.Success)
        {
            return (null, null);
        }

        var name = match.Groups[1].Value;
        return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? (number, null)
            : Guid.TryParse(name, out var id) ? (null, id) : (null, null);
    }

    [GeneratedRegex(@"^run (\S+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RunSubjectPattern();
}
