using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Sources;
using ImportPortal.Frappe;
using ImportPortal.Runs;
using ImportPortal.Sites;
using ImportPortal.Uploads;
using Microsoft.Extensions.Options;

namespace ImportPortal.Mappings;

/// <summary>
/// Maps chosen rows of the bound uploads with a profile compiled against the site's live metadata, and checks
/// every link target on the site with one batched lookup per doctype.
/// </summary>
public sealed class MappingPreview(MappingProfileStore profiles, SiteCatalog sites, FrappeSiteClientFactory clients, UploadStore uploads, IOptions<RunsOptions> runs)
{
    /// <summary>The most rows one preview maps per table.</summary>
    public const int MaxRows = 100;

    public async Task<PreviewResult> RunAsync(PreviewRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await profiles.LoadAsync(request.ProfileId, ct) is not { } profile)
        {
            return Failed("Mappings.NotFound");
        }

        if (await sites.ConnectAsync(request.SiteId, ct) is not { } connection)
        {
            return Failed("Sites.SecretUnreadable");
        }

        var site = clients.Create(connection);
        var lookups = await MappingLookups.BuildAsync(profile, (table, c) => OpenTableAsync(uploads, request.Bindings, table, c), ct);
        var compiled = ProfileCompiler.Compile(profile, await MetasAsync(profile, site, ct), lookups);
        var rows = new List<(string Table, SourceRecord Record)>();
        foreach (var (table, binding) in request.Bindings)
        {
            if (await uploads.FindAsync(binding.UploadId, ct) is not { } upload)
            {
                return Failed("Uploads.NotFound");
            }

            await foreach (var record in PickAsync(upload, binding.Table, request, ct))
            {
                rows.Add((table, record));
            }
        }

        var mapped = rows.Select(r => (r.Table, r.Record.Locator.Row, Entities: compiled.MapRecord(r.Table, r.Record))).ToList();
        var missing = await LinkChecker.FindMissingAsync(mapped.SelectMany(m => m.Entities).SelectMany(e => e.LinkChecks).Select(c => c.Check), site, ct: ct);
        var unknownAgents = await UnknownAgentsAsync(mapped, site, ct);
        var attachments = runs.Value.Attachments;
        var result = mapped.Select(m => new PreviewRow(m.Table, m.Row,
            m.Entities.Select(e => new PreviewEntity(e, [
                .. e.Problems, .. LinkChecker.ProblemsFor(e, missing), .. e.Entity == EntityKind.Ticket ? unknownAgents[(m.Table, m.Row)] : [],
                .. e.Entity == EntityKind.Attachment && attachments.LinkProblem(e) is { } link ? [link] : Array.Empty<FieldProblem>()])).ToList())).ToList();
        return new PreviewResult(await WithSiteProblemsAsync(compiled.Problems, profile, request.SiteId, ct), result);
    }

    /// <summary>
    /// The tickets whose assignee, named as Helpdesk shows agents, is no agent the site knows (one lookup of the names):
    /// pinned to their <c>assign_to</c>, as the validation counts them. A team's members are judged over the whole source
    /// by the validation only: these few rows cannot say that no other row names one the site knows.
    /// </summary>
    private static async Task<ILookup<(string Table, long Row), FieldProblem>> UnknownAgentsAsync(
        List<(string Table, long Row, IReadOnlyList<MappedEntity> Entities)> mapped, IFrappeSite site, CancellationToken ct)
    {
        var tally = new ValidationTally(examplesPerProblem: Math.Max(1, mapped.Count));
        foreach (var (table, row, entities) in mapped)
        {
            tally.Add(table, row, [.. entities.Where(e => e.Entity == EntityKind.Ticket)]);
        }

        return (await tally.SiteProblemsAsync(site, ct))
            .Where(p => p.Code == MappingProblemCodes.AgentNotOnSite)
            .SelectMany(p => p.Examples.Select(e => (Key: (e.Table, e.Row), Problem: new FieldProblem(p.Field, p.Code, e.Args, p.Severity))))
            .ToLookup(x => x.Key, x => x.Problem);
    }

    /// <summary>What is wrong with the profile against the site before any row is read: required fields nothing fills, unknown fields.</summary>
    public async Task<PreviewResult> CheckAsync(Guid profileId, Guid siteId, CancellationToken ct)
    {
        if (await profiles.LoadAsync(profileId, ct) is not { } profile)
        {
            return Failed("Mappings.NotFound");
        }

        if (await sites.ConnectAsync(siteId, ct) is not { } connection)
        {
            return Failed("Sites.SecretUnreadable");
        }

        var compiled = ProfileCompiler.Compile(profile, await MetasAsync(profile, clients.Create(connection), ct));
        return new PreviewResult(await WithSiteProblemsAsync(compiled.Problems, profile, siteId, ct), []);
    }

    /// <summary>Adds what the site's last preflight says about the profile: a contact link style its Helpdesk does not read.</summary>
    private async Task<IReadOnlyList<ProfileProblem>> WithSiteProblemsAsync(IReadOnlyList<ProfileProblem> problems, MappingProfile profile, Guid siteId, CancellationToken ct) =>
        ContactLinkStyleCheck.Check(profile, PreflightJsonReader.HelpdeskVersion(await sites.ReadPreflightJsonAsync(siteId, ct))) is { } mismatch
            ? [.. problems, mismatch]
            : problems;

    /// <summary>
    /// The site's live fields of each doctype the editor shows (labels, types, required flags, options, link
    /// targets); null when the site's secret cannot be read. A doctype the site lacks is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, DocTypeMeta>?> SiteMetasAsync(Guid siteId, IEnumerable<string> doctypes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(doctypes);
        if (await sites.ConnectAsync(siteId, ct) is not { } connection)
        {
            return null;
        }

        var site = clients.Create(connection);
        var metas = new Dictionary<string, DocTypeMeta>(StringComparer.Ordinal);
        foreach (var doctype in doctypes.Distinct(StringComparer.Ordinal))
        {
            try
            {
                metas[doctype] = await site.GetMetaAsync(doctype, ct);
            }
            catch (FrappeException ex) when (ex.Error.Kind == FrappeErrorKind.NotFound)
            {
                // ERPNext's Customer on a plain Helpdesk site: the editor says the doctype has no fields here.
            }
        }

        return metas;
    }

    /// <summary>A table for a lookup (e.g. the users of an account export): the upload bound to that name, or a bound archive that holds it.</summary>
    internal static async Task<ISourceReader?> OpenTableAsync(UploadStore uploads, IReadOnlyDictionary<string, TableBinding> bindings, string table, CancellationToken ct)
    {
        foreach (var (name, binding) in bindings)
        {
            if (await uploads.FindAsync(binding.UploadId, ct) is not { } upload)
            {
                continue;
            }

            var tables = UploadJson.TablesOf(upload);
            if (name == table || tables.Contains(table))
            {
                var format = await uploads.SniffAsync(upload, ct);
                return await SourceReaderFactory.OpenAsync(format, uploads.PathOf(upload), new SourceReadOptions(Table: tables.Contains(table) ? table : binding.Table), ct);
            }
        }

        return null;
    }

    internal static async Task<Dictionary<string, DocTypeMeta>> MetasAsync(MappingProfile profile, IFrappeSite site, CancellationToken ct)
    {
        var metas = new Dictionary<string, DocTypeMeta>(StringComparer.Ordinal);
        foreach (var doctype in profile.Entities.Select(profile.DoctypeOf).Distinct(StringComparer.Ordinal))
        {
            metas[doctype] = await site.GetMetaAsync(doctype, ct);
        }

        return metas;
    }

    private async IAsyncEnumerable<SourceRecord> PickAsync(Upload upload, string? table, PreviewRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var format = await uploads.SniffAsync(upload, ct);
        var reader = await SourceReaderFactory.OpenAsync(format, uploads.PathOf(upload), new SourceReadOptions(Table: table), ct);
        var picked = Pick(reader.ReadAsync(ct), request, ct);
        await foreach (var record in picked.WithCancellation(ct))
        {
            yield return record;
        }
    }

    /// <summary>The rows a preview shows, read in one streaming pass: by number, the first N, or N at random (never the whole file in memory).</summary>
    internal static async IAsyncEnumerable<SourceRecord> Pick(IAsyncEnumerable<SourceRecord> records, PreviewRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var wanted = request.Rows is { Count: > 0 } rows ? rows.ToHashSet() : null;
        var limit = wanted?.Count ?? Math.Clamp(request.FirstN, 1, MaxRows);
        if (wanted is null && request.Random)
        {
            var random = request.Seed is { } seed ? new Random(seed) : Random.Shared;
            foreach (var record in await RowSample.TakeAsync(records, limit, random, ct))
            {
                yield return record;
            }

            yield break;
        }

        var taken = 0;
        await foreach (var record in records.WithCancellation(ct))
        {
            if (wanted is null || wanted.Contains(record.Locator.Row))
            {
                yield return record;
                if (++taken >= limit)
                {
                    yield break;
                }
            }
        }
    }

    private static PreviewResult Failed(string key, string? arg = null) => new([], [], key, arg);
}
