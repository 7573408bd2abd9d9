using System.Threading.Channels;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// The import: stage after stage, the records of a stage concurrently, the messages of one ticket in order.
/// All work comes from the <see cref="IRecordStore"/> and every outcome goes back to it, so a run that stops
/// (pause, cancel, crash) carries on from the store. Returns false when it stopped because the operator asked.
/// </summary>
public sealed class ImportLoop(
    IFrappeSite site,
    IRecordStore store,
    IIdLedger ledger,
    Func<EntityKind, string> doctypeOf,
    IRunObserver observer,
    LoopOptions options,
    TimeProvider time)
{
    /// <summary>Claimed batches whose lookups may run ahead of the sending.</summary>
    private const int PrefetchAhead = 3;

    /// <summary>How often a wait for the site looks whether the operator asked the run to stop.</summary>
    private static readonly TimeSpan StopCheck = TimeSpan.FromMilliseconds(250);

    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var resolver = new ReferenceResolver(ledger, doctypeOf);
        var users = new UserCreationPace(options, time, () => observer.StopRequested, observer.SiteWaiting);
        var sender = new RecordSender(site, resolver, store, options, time, users);
        await using var buffer = new OutcomeBuffer(store, observer, options);
        foreach (var stage in RunStages.All.Where(options.Stages.Contains))
        {
            observer.StageStarted(stage);
            if (options.BeforeStageAsync is { } before)
            {
                await before(stage, ct);
            }

            int unsettled;
            do
            {
                // A batch the site failed hands its records back as Unknown: the stage goes round again to look each
                // up and settle it, before any later stage needs it.
                unsettled = buffer.Unsettled;
                await RunStageAsync(stage, resolver, sender, buffer, ct);
                await buffer.FlushAsync(ct);
            }
            while (buffer.Unsettled > unsettled && !observer.StopRequested);

            if (observer.StopRequested)
            {
                return false;
            }
        }

        return true;
    }

    private async Task RunStageAsync(RunStage stage, ReferenceResolver resolver, RecordSender sender, OutcomeBuffer buffer, CancellationToken ct)
    {
        // Room for a few batches, so the lookups of the next ones run while this one is sent.
        var channel = Channel.CreateBounded<ClaimedUnit>(new BoundedChannelOptions(Math.Max(options.ClaimBatch, options.Workers) * (PrefetchAhead + 1)) { SingleWriter = true });
        // A consumer that fails stops the claiming: otherwise the producer would wait forever on a full channel nobody reads.
        using var consumerFailed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => ProduceAsync(stage, resolver, sender, channel.Writer, consumerFailed.Token), ct);
        var consumers = Enumerable.Range(0, WorkersFor(stage))
            .Select(_ => Task.Run(() => ConsumeOrStopClaimingAsync(channel.Reader, sender, buffer, consumerFailed, ct), ct))
            .ToList();
        try
        {
            await producer;
        }
        catch (OperationCanceledException) when (consumerFailed.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // The claiming stopped because a consumer failed; that failure, awaited below, is the one to report.
        }
        finally
        {
            // Consumers finish what was claimed (or hand it back) before the stage ends, even when the producer failed.
            await Task.WhenAll(consumers);
        }
    }

    /// <summary>
    /// Users go one at a time: Frappe makes a new user's username from its first name and only checks that it is free
    /// before inserting, so two agents with one family name sent at once end with one refused ("Username must be
    /// unique", 417). A migration has few agents; the wait costs nothing.
    /// </summary>
    private int WorkersFor(RunStage stage) => stage == RunStage.Users ? 1 : Math.Max(1, options.Workers);

    private async Task ConsumeOrStopClaimingAsync(
        ChannelReader<ClaimedUnit> reader, RecordSender sender, OutcomeBuffer buffer, CancellationTokenSource consumerFailed, CancellationToken ct)
    {
        try
        {
            await ConsumeAsync(reader, sender, buffer, ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            await consumerFailed.CancelAsync();
            throw;
        }
    }

    private async Task ProduceAsync(RunStage stage, ReferenceResolver resolver, RecordSender sender, ChannelWriter<ClaimedUnit> writer, CancellationToken ct)
    {
        var lookups = new Queue<Task<ExistingOnSite?>>();
        try
        {
            while (!observer.StopRequested)
            {
                var claimed = await store.ClaimAsync(stage, options.ClaimBatch, ct);
                if (claimed.Count == 0)
                {
                    return;
                }

                // The batch's lookups run while earlier batches are sent; its records wait for them, not the claiming.
                if (lookups.Count >= PrefetchAhead)
                {
                    await lookups.Dequeue();
                }

                var existing = PrefetchAsync(claimed, resolver, ct);
                lookups.Enqueue(existing);
                foreach (var (items, together) in UnitsOf(stage, claimed, sender))
                {
                    await writer.WriteAsync(new ClaimedUnit(items, existing, together), ct);
                }
            }
        }
        finally
        {
            writer.Complete();
        }
    }

    private async Task ConsumeAsync(ChannelReader<ClaimedUnit> reader, RecordSender sender, OutcomeBuffer buffer, CancellationToken ct)
    {
        await foreach (var unit in reader.ReadAllAsync(ct))
        {
            if (unit.Together)
            {
                await SendBatchAsync(unit, sender, buffer, ct);
            }
            else
            {
                await SendUnitAsync(unit, sender, buffer, ct);
            }
        }
    }

    private async Task SendBatchAsync(ClaimedUnit batch, RecordSender sender, OutcomeBuffer buffer, CancellationToken ct)
    {
        if (observer.StopRequested || await batch.Existing is not { } existing)
        {
            foreach (var item in batch.Items)
            {
                await buffer.AddAsync(Released(item), null, ct);
            }

            return;
        }

        foreach (var (outcome, entry) in await sender.SendManyAsync(batch.Items.Select(item => (item, existing)).ToList(), ct))
        {
            await buffer.AddAsync(outcome, entry, ct);
        }
    }

    private async Task SendUnitAsync(ClaimedUnit unit, RecordSender sender, OutcomeBuffer buffer, CancellationToken ct)
    {
        WorkItem? failedBefore = null;
        foreach (var item in unit.Items)
        {
            RecordOutcome outcome;
            LedgerEntry? entry = null;
            if (failedBefore is not null)
            {
                outcome = new RecordOutcome(item.Id, item.Stage, RecordState.Failed, RecordResult.None, null,
                    RecordError.Portal(RecordErrorKind.Dependency, new PortalText(RecordTexts.EarlierMessageFailed, [PortalArg.Entity(failedBefore.Entity), PortalArg.Value(failedBefore.SourceKey)])), [], null);
            }
            else if (observer.StopRequested || await unit.Existing is not { } existing)
            {
                // Stopped by the operator, also while the batch's lookups waited for the site: the record goes back unsent.
                outcome = Released(item);
            }
            else
            {
                (outcome, entry) = await sender.SendAsync(item, existing, ct);
                if (outcome.State == RecordState.Failed)
                {
                    failedBefore = item;
                }
            }

            await buffer.AddAsync(outcome, entry, ct);
        }
    }

    /// <summary>
    /// One query per doctype for the ledger lines of the batch and of what it refers to, and one per doctype and
    /// identity field on the site. Null when the operator stopped the run while the site was being waited for.
    /// </summary>
    private async Task<ExistingOnSite?> PrefetchAsync(IReadOnlyList<WorkItem> claimed, ReferenceResolver resolver, CancellationToken ct)
    {
        foreach (var group in claimed.GroupBy(i => i.Doctype, StringComparer.Ordinal))
        {
            await resolver.PrefetchAsync(group.Key, group.Select(i => i.SourceKey), ct);
        }

        foreach (var group in claimed.SelectMany(i => i.Payload.References).GroupBy(r => r.Entity))
        {
            await resolver.PrefetchAsync(resolver.DoctypeOf(group.Key), group.Select(r => r.SourceKey), ct);
        }

        if (claimed.Select(i => i.Payload.Assignee).OfType<string>().ToList() is { Count: > 0 } assignees)
        {
            await resolver.PrefetchAsync(resolver.DoctypeOf(EntityKind.User), assignees, ct);
        }

        var existing = new ExistingOnSite();
        var unknown = claimed
            .Where(i => RunStages.Creates(i.Stage) && !resolver.TryGet(i.Doctype, i.SourceKey, out _))
            .SelectMany(i => SiteIdentity.AllOf(i).Select(identity => (Item: i, Identity: identity)))
            .GroupBy(x => (x.Item.Doctype, x.Identity.Field));
        foreach (var group in unknown)
        {
            var found = await PatientlyAsync(() => SiteLookup.FindAsync(site, group.Key.Doctype, group.Key.Field, group.Select(x => x.Identity.Value), ct), ct);
            if (found is null)
            {
                return null;
            }

            existing.Add(group.Key.Doctype, group.Key.Field, found);
        }

        return existing;
    }

    /// <summary>
    /// A read the batch cannot go without. A site that stops answering for a while (down, restarting, behind a 502,
    /// rate limiting) is waited out, up to <see cref="LoopOptions.OutagePatience"/>, with the dashboard told why and until
    /// when; a refusal (key, permission) or a longer outage stops the run. Null when the operator stopped the run meanwhile.
    /// </summary>
    private async Task<T?> PatientlyAsync<T>(Func<Task<T>> read, CancellationToken ct)
        where T : class
    {
        // The patience runs from the first failure the loop sees (the HTTP client's own retries come before it).
        DateTimeOffset? givesUpAt = null;
        for (var retry = 1; ; retry++)
        {
            try
            {
                var result = await read();
                if (retry > 1)
                {
                    observer.SiteWaiting(null);
                }

                return result;
            }
            catch (FrappeException ex) when (OutcomeRules.Decide(ex.Error) == SendDecision.RetryLater)
            {
                givesUpAt ??= time.GetUtcNow() + options.OutagePatience;
                var retryAt = time.GetUtcNow() + options.RetryDelay(retry, ex.Error.RetryAfter);
                if (retryAt > givesUpAt)
                {
                    observer.SiteWaiting(null);
                    throw;
                }

                observer.SiteWaiting(new SiteWait(ex.Error.Summary, retryAt, givesUpAt.Value));
                for (var left = retryAt - time.GetUtcNow(); left > TimeSpan.Zero; left = retryAt - time.GetUtcNow())
                {
                    if (observer.StopRequested)
                    {
                        observer.SiteWaiting(null);
                        return null;
                    }

                    await Task.Delay(left < StopCheck ? left : StopCheck, time, ct);
                }
            }
        }
    }

    /// <summary>
    /// What the consumers take one at a time: the messages of one ticket (in order); fresh documents of one doctype
    /// the site takes faster in batches, up to <see cref="LoopOptions.BatchSize"/> together; every other record alone.
    /// Batches are formed here, from the claimed records, so their size does not depend on how many senders are idle.
    /// </summary>
    private IEnumerable<(IReadOnlyList<WorkItem> Items, bool Together)> UnitsOf(RunStage stage, IReadOnlyList<WorkItem> claimed, RecordSender sender)
    {
        if (stage == RunStage.Conversations)
        {
            foreach (var ticket in claimed.GroupBy(i => i.GroupKey ?? $"#{i.Id}", StringComparer.Ordinal))
            {
                yield return (ticket.OrderBy(i => i.Sequence).ToList(), false);
            }

            yield break;
        }

        var gathering = new Dictionary<string, List<WorkItem>>(StringComparer.Ordinal);
        foreach (var item in claimed)
        {
            if (options.BatchSize < 2 || !sender.CanBatch(item))
            {
                yield return ([item], false);
                continue;
            }

            if (!gathering.TryGetValue(item.Doctype, out var batch))
            {
                gathering[item.Doctype] = batch = new List<WorkItem>(options.BatchSize);
            }

            batch.Add(item);
            if (batch.Count == options.BatchSize)
            {
                yield return (batch, true);
                gathering.Remove(item.Doctype);
            }
        }

        foreach (var rest in gathering.Values)
        {
            yield return (rest, rest.Count > 1);
        }
    }

    private static RecordOutcome Released(WorkItem item) =>
        new(item.Id, item.Stage, item.WasUnknown ? RecordState.Unknown : RecordState.Pending, RecordResult.None, null, null, [], null);

    /// <param name="Together">The items are fresh documents of one doctype, sent in one insert_many.</param>
    private sealed record ClaimedUnit(IReadOnlyList<WorkItem> Items, Task<ExistingOnSite?> Existing, bool Together);
}
