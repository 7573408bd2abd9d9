using FrappeSimulator.Hosting;
using FrappeSimulator.Store;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Preflight;
using ImportPortal.Tests.Unit.Frappe;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>
/// The import loop with in-memory record store and ledger, sending over real HTTP through the portal's Frappe client
/// to an in-process simulator.
/// </summary>
public sealed class LoopHarness : IAsyncDisposable
{
    /// <summary>Short waits so retries do not slow the tests; everything else as a run would have it.</summary>
    public static readonly LoopOptions FastOptions = new()
    {
        Workers = 8,
        FirstRetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        FlushInterval = TimeSpan.FromMilliseconds(50),
    };

    private readonly bool _ownsSite;

    private LoopHarness(FrappeClientHarness frappe, InMemoryIdLedger ledger, bool ownsSite)
    {
        Frappe = frappe;
        Ledger = ledger;
        Store = new InMemoryRecordStore(Ledger);
        _ownsSite = ownsSite;
    }

    public FrappeClientHarness Frappe { get; }

    public SimulatorHandle Simulator => Frappe.Simulator;

    public DocumentStore SiteStore => Frappe.Simulator.Store;

    public IFrappeSite Site => Frappe.Site;

    public InMemoryIdLedger Ledger { get; }

    public InMemoryRecordStore Store { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<LoopHarness> StartAsync(bool externalIdFields = false, HelpdeskVersion helpdesk = HelpdeskVersion.V1_22, SimulatorOptions? simulator = null)
    {
        var frappe = await FrappeClientHarness.StartAsync(simulator: (simulator ?? new SimulatorOptions()) with { Helpdesk = helpdesk }, clientSettings: new Dictionary<string, string?>
        {
            ["Portal:Frappe:CircuitBreakDuration"] = "00:00:00.500",
        });
        var harness = new LoopHarness(frappe, new InMemoryIdLedger(), ownsSite: true);
        if (externalIdFields)
        {
            await ExternalIdFields.CreateMissingAsync(harness.Site, Ct);
        }

        return harness;
    }

    /// <summary>Another run against the same site: new records, and the same ledger or (as if it were lost) an empty one.</summary>
    public LoopHarness NextRun(bool sameLedger)
    {
        Ledger.StartNextRun();
        return new LoopHarness(Frappe, sameLedger ? Ledger : new InMemoryIdLedger(), ownsSite: false);
    }

    public PlannedRecord Plan(MappedEntity entity, string? groupKey = null, long sequence = 0) =>
        Store.Plan(entity, entity.ExternalIdField ?? ExternalIdFieldOf(entity), groupKey, sequence);

    /// <summary>Plans one membership record per organisation the contacts join, as the run planner does (Helpdesk 1.28+).</summary>
    public IReadOnlyList<PlannedRecord> PlanMemberships(params MappedEntity[] contacts)
    {
        var plan = new MembershipPlan("HD Customer");
        foreach (var contact in contacts)
        {
            plan.Add(contact);
        }

        return [.. plan.Entities().Select(Store.PlanMembership)];
    }

    /// <summary>Runs the loop to its end (or its stop); returns false when it stopped because the observer asked.</summary>
    public Task<bool> RunAsync(LoopOptions? options = null, IRunObserver? observer = null, IFrappeSite? site = null) =>
        new ImportLoop(site ?? Site, Store, Ledger, HelpdeskEntities.DoctypeOf, observer ?? new RecordingObserver(), options ?? FastOptions, TimeProvider.System)
            .RunAsync(Ct);

    public long Posts(string doctype) => SiteStore.Requests.Count($"POST /api/resource/{doctype}");

    public long Puts(string doctype) => SiteStore.Requests.Count($"PUT /api/resource/{doctype}");

    public ValueTask DisposeAsync() => _ownsSite ? Frappe.DisposeAsync() : ValueTask.CompletedTask;

    private static string? ExternalIdFieldOf(MappedEntity entity) =>
        entity.InsertBody.ContainsKey(ExternalIdFields.Fieldname) ? ExternalIdFields.Fieldname : null;
}
