using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// Takes one claimed record to its outcome: resolve its references, recognise a document that is already there
/// (ledger, then the site by external id or natural key), send, and apply the outcome rules. A send of unknown
/// fate is looked up before it is repeated; one that cannot be looked up is failed, never sent blind. Memberships go
/// through <see cref="MembershipSender"/>, files and a message's images through <see cref="FileSender"/>.
/// </summary>
public sealed class RecordSender(IFrappeSite site, ReferenceResolver references, IRecordStore store, LoopOptions options, TimeProvider time, UserCreationPace? users = null)
{
    private readonly MembershipSender _memberships = new(site, references, store, options, time);

    private readonly FileSender _files = new(site, options, time);

    private readonly TicketDurations _durations = new(site, time);

    private readonly UserCreationPace _users = users ?? UserCreationPace.None(options, time);

    // The user of each agent the site knows by the name Helpdesk shows (null: none), asked once per name and pass.
    private readonly ConcurrentDictionary<string, string?> _agentsByName = new(StringComparer.OrdinalIgnoreCase);

    public async Task<(RecordOutcome Outcome, LedgerEntry? Ledger)> SendAsync(WorkItem item, ExistingOnSite existing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(existing);
        var log = new AttemptRecorder(time);
        try
        {
            return item.Stage switch
            {
                RunStage.Memberships => await _memberships.SendAsync(item, log, ct),
                RunStage.Finalise => await FinaliseAsync(item, log, ct),
                RunStage.Assignments => await AssignAsync(item, log, ct),
                _ => await CreateAsync(item, existing, log, ct),
            };
        }
        catch (FrappeException ex)
        {
            return (log.Failed(item, OutcomeRules.ToRecordError(ex.Error)), null);
        }
        finally
        {
            // Only a message's files refer to it, and they find it in the ledger: what the run learnt of it (its ledger line,
            // its new name) is not kept for the rest of the run, which sends hundreds of thousands of them. A dry run writes
            // no ledger, so there the files find their messages in what the run learnt.
            if (item.Stage == RunStage.Conversations && !options.DryRun)
            {
                references.Forget(item.Doctype, item.SourceKey);
            }
        }
    }

    private async Task<(RecordOutcome, LedgerEntry?)> CreateAsync(WorkItem item, ExistingOnSite existing, AttemptRecorder log, CancellationToken ct)
    {
        var prepared = await PrepareAsync(item, existing, log, ct);
        if (prepared.Settled is { } settled)
        {
            return settled;
        }

        var body = prepared.Body!;
        if (item.Entity == EntityKind.Attachment)
        {
            var (name, error, sent) = await _files.AttachAsync(item, body, log, ct);
            return name is not null ? Created(item, name, sent, log) : (log.Failed(item, error!, sent), null);
        }

        if (item.Doctype == TeamMembers.Doctype)
        {
            if (await TeamBodyAsync(item, body, log, ct) is not { } team)
            {
                return (log.Failed(item, log.Unsendable!), null);
            }

            body = team;
        }

        if (item.Stage == RunStage.Conversations)
        {
            body = await _files.WithImagesAsync(item, body, log, ct);
        }

        return await InsertAsync(item, prepared.Identities, body, log, ct);
    }

    /// <summary>
    /// A team the site lacks, with its members as users of the site: a user this run made (by its name in the ledger), a
    /// user the site has (one lookup of the e-mails), or an agent the site knows by the name Helpdesk shows (one lookup of
    /// the names: a ticket export names its agent so). A member whose user the run failed keeps the team waiting for it;
    /// one the site does not know is left out, and said so on the log. Null, with the reason on the log, when no member
    /// is left: Helpdesk makes no team without one.
    /// </summary>
    private async Task<JsonObject?> TeamBodyAsync(WorkItem item, JsonObject planned, AttemptRecorder log, CancellationToken ct)
    {
        var members = TeamMembers.Of(planned);
        var users = new List<string>();
        var emails = new List<string>();
        var names = new List<string>();
        foreach (var member in members)
        {
            if (!EmailAddress.IsValid(member))
            {
                names.Add(member);
                continue;
            }

            var email = member.ToLowerInvariant();
            if (await references.FindAsync(EntityKind.User, email, ct) is { } made)
            {
                users.Add(made.FrappeName);
            }
            else if (await store.FailureOfAsync(EntityKind.User, email, ct) is { } failed && failed != RecordError.Skipped && failed != RecordError.NotYet)
            {
                log.Unsendable = DependencyFailed(EntityKind.User, email, failed);
                return null;
            }
            else
            {
                emails.Add(email);
            }
        }

        var unknown = new List<string>();
        foreach (var (doctype, field, values) in new[] { ("User", "name", emails), ("HD Agent", "agent_name", names) }.Where(l => l.Item3.Count > 0))
        {
            var started = time.GetTimestamp();
            var found = await SiteLookup.FindAsync(site, doctype, field, values, ct);
            log.Add($"GET {doctype}?{field} in ({values.Count})", started, AttemptOutcomes.FoundOf(found.Count, values.Count));
            users.AddRange(values.Where(found.ContainsKey).Select(v => found[v]));
            unknown.AddRange(values.Where(v => !found.ContainsKey(v)));
        }

        if (unknown.Count > 0)
        {
            log.Add(AttemptOutcomes.MembersLeftOut(unknown), time.GetTimestamp(), AttemptOutcomes.NotMember);
        }

        if (users.Count == 0)
        {
            log.Unsendable = NoTeamMembers(TeamName(item), members);
            return null;
        }

        var body = (JsonObject)planned.DeepClone();
        TeamMembers.Set(body, users);
        return body;
    }

    private static string TeamName(WorkItem item) => item.Payload.Insert["team_name"] is JsonValue v ? v.ToString() : item.SourceKey;

    private static RecordError NoTeamMembers(string team, IReadOnlyList<string> members) =>
        RecordError.Portal(RecordErrorKind.Data, members.Count == 0
            ? new PortalText(RecordTexts.TeamWithoutMembers, team)
            : new PortalText(RecordTexts.TeamMembersUnknown, team, string.Join(", ", members.Take(5)) + (members.Count > 5 ? ", …" : "")));

    /// <summary>
    /// A record taken as far as its insert: its references written in, and settled already when the ledger or the site
    /// has its document, when a reference is missing, when it cannot be verified, or in a dry run.
    /// </summary>
    private async Task<Prepared> PrepareAsync(WorkItem item, ExistingOnSite existing, AttemptRecorder log, CancellationToken ct)
    {
        if (await ResolveAsync(item, log, ct) is not { } body)
        {
            return new Prepared((log.Failed(item, log.Unsendable!), null));
        }

        if (references.TryGet(item.Doctype, item.SourceKey, out var hit))
        {
            return new Prepared(hit.OwnRun && hit.Created
                ? (log.Done(item, RecordState.Succeeded, RecordResult.Created, hit.FrappeName, body), null)
                : await ExistingAsync(item, hit.FrappeName, body, log, ct));
        }

        var identities = SiteIdentity.AllOf(item);
        if (identities.Select(i => existing.Find(item.Doctype, i)).FirstOrDefault(n => n is not null) is { } onSite)
        {
            // A document found for a record whose last send had no answer is the one that send created.
            return new Prepared(item.WasUnknown ? Created(item, onSite, body, log) : await ExistingAsync(item, onSite, body, log, ct));
        }

        // A file is recognised by its bytes, once they are fetched (AttachAsync).
        if (item.WasUnknown && identities.Count == 0 && item.Entity != EntityKind.Attachment)
        {
            return new Prepared((log.Failed(item, CannotVerify(item)), null));
        }

        if (options.DryRun)
        {
            // A team is made with the members the site knows: a dry run asks too (reads only), and says when there is none.
            if (item.Doctype == TeamMembers.Doctype)
            {
                if (await TeamBodyAsync(item, body, log, ct) is not { } team)
                {
                    return new Prepared((log.Failed(item, log.Unsendable!), null));
                }

                body = team;
            }

            // A file is not fetched in a dry run, but its link is checked.
            if (item.Entity == EntityKind.Attachment && _files.CheckLink(body) is { } wrong)
            {
                return new Prepared((log.Failed(item, wrong), null));
            }

            references.Remember(item.Doctype, item.SourceKey, new LedgerHit("(new)", true, true));
            return new Prepared((log.Done(item, RecordState.Succeeded, RecordResult.WouldCreate, null, body), null));
        }

        return new Prepared(null, identities, body);
    }

    private sealed record Prepared((RecordOutcome, LedgerEntry?)? Settled, IReadOnlyList<SiteIdentity> Identities, JsonObject? Body)
    {
        public Prepared((RecordOutcome, LedgerEntry?) settled)
            : this(settled, [], null)
        {
        }
    }

    /// <summary>
    /// Fresh records of one doctype (never sent, each recognisable on the site): each is taken as far as its insert, and
    /// those left to create go to the site in one <c>insert_many</c>, which inserts them in order in one transaction
    /// and answers their names in order. A batch is never sent twice: when it fails in any way (refused, rate limited,
    /// no answer), its records go back to the store as Unknown, and the next claim looks each up on the site (a hook
    /// may have committed part of it) and sends those not found one at a time, each to its own outcome and error.
    /// </summary>
    public async Task<IReadOnlyList<(RecordOutcome Outcome, LedgerEntry? Ledger)>> SendManyAsync(IReadOnlyList<(WorkItem Item, ExistingOnSite Existing)> batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var results = new (RecordOutcome Outcome, LedgerEntry? Ledger)[batch.Count];
        var inserts = new List<(int At, WorkItem Item, IReadOnlyList<SiteIdentity> Identities, JsonObject Body, AttemptRecorder Log)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (item, existing) = batch[i];
            var log = new AttemptRecorder(time);
            try
            {
                var prepared = await PrepareAsync(item, existing, log, ct);
                if (prepared.Settled is { } settled)
                {
                    results[i] = settled;
                }
                else
                {
                    inserts.Add((i, item, prepared.Identities, prepared.Body!, log));
                }
            }
            catch (FrappeException ex)
            {
                results[i] = (log.Failed(item, OutcomeRules.ToRecordError(ex.Error)), null);
            }
        }

        if (inserts is [var one])
        {
            try
            {
                results[one.At] = await InsertAsync(one.Item, one.Identities, one.Body, one.Log, ct);
            }
            catch (FrappeException ex)
            {
                results[one.At] = (one.Log.Failed(one.Item, OutcomeRules.ToRecordError(ex.Error)), null);
            }
        }
        else if (inserts.Count > 1)
        {
            var request = $"POST insert_many {inserts[0].Item.Doctype} ({inserts.Count})";
            var started = time.GetTimestamp();
            IReadOnlyList<string> names = [];
            FrappeError? failure = null;
            try
            {
                names = await site.InsertManyAsync([.. inserts.Select(i => Document(i.Item.Doctype, i.Body))], ct);
            }
            catch (FrappeException ex)
            {
                failure = ex.Error;
            }

            if (failure is null && (names.Count != inserts.Count || names.Any(string.IsNullOrEmpty)))
            {
                failure = FrappeError.UnknownFate($"The site answered {names.Count} names for {inserts.Count} documents.");
            }

            for (var i = 0; i < inserts.Count; i++)
            {
                var (at, item, _, body, log) = inserts[i];
                if (failure is not null)
                {
                    log.Add(request, started, failure);
                    results[at] = (log.Unsettled(item, body), null);
                }
                else
                {
                    log.Add(request, started, AttemptOutcomes.Created);
                    results[at] = Created(item, names[i], body, log);
                }
            }
        }

        return results;
    }

    /// <summary>
    /// Whether a record may go in a batch: new to the site as far as anyone knows, and recognisable there (by its external
    /// id or its natural key, such as an organisation's name), so that a batch whose fate is unknown can be looked up
    /// record by record instead of sent again.
    /// </summary>
    public bool CanBatch(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return !options.DryRun && !item.WasUnknown && item.Attempts == 0
            && item.Stage is RunStage.Organisations or RunStage.Contacts or RunStage.Tickets
            && options.BatchDoctypes.Contains(item.Doctype)
            && SiteIdentity.AllOf(item).Count > 0;
    }

    private static JsonObject Document(string doctype, JsonObject body)
    {
        var document = new JsonObject { ["doctype"] = doctype };
        foreach (var (key, value) in body)
        {
            document[key] = value?.DeepClone();
        }

        return document;
    }

    private async Task<(RecordOutcome, LedgerEntry?)> InsertAsync(WorkItem item, IReadOnlyList<SiteIdentity> identities, JsonObject body, AttemptRecorder log, CancellationToken ct)
    {
        // Once a send may have landed, a document found later is the one this record created.
        var mayHaveLanded = item.WasUnknown;
        var throttled = 0;
        for (var send = 1; ; send++)
        {
            if (item.Doctype == "User" && !await _users.TakeTurnAsync(ct))
            {
                // Paused or cancelled while waiting for Frappe's user limit: back to the store as it was.
                return (log.Returned(item, mayHaveLanded), null);
            }

            FrappeError error;
            var started = time.GetTimestamp();
            try
            {
                // The site serialises the body before it sends and keeps nothing of it: no copy needed.
                var created = await site.InsertAsync(item.Doctype, body, ct);
                log.Add($"POST {item.Doctype}", started, AttemptOutcomes.Created);
                return Created(item, created, body, log);
            }
            catch (FrappeException ex)
            {
                error = ex.Error;
                log.Add($"POST {item.Doctype}", started, error);
            }

            // Refused before anything was written: no user goes until a whole window has passed, then this one again.
            // A refusal is not a send that counts against MaxSends.
            if (item.Doctype == "User" && UserCreationPace.IsThrottle(error))
            {
                _users.Refused();
                if (++throttled >= options.MaxThrottleRefusals)
                {
                    return (log.Failed(item, Throttled(throttled), body), null);
                }

                send--;
                continue;
            }

            var decision = OutcomeRules.Decide(error);
            if (decision == SendDecision.AdoptExisting && await LookUpAsync(item, identities, log, ct) is { } existingName)
            {
                return mayHaveLanded ? Created(item, existingName, body, log) : await ExistingAsync(item, existingName, body, log, ct);
            }

            if (decision == SendDecision.LookUpThenResend)
            {
                if (identities.Count == 0)
                {
                    return (log.Failed(item, CannotVerify(item)), null);
                }

                mayHaveLanded = true;
                if (await LookUpAsync(item, identities, log, ct) is { } createdName)
                {
                    return Created(item, createdName, body, log);
                }
            }

            if (decision is SendDecision.LookUpThenResend or SendDecision.RetryLater && send < options.MaxSends)
            {
                await Task.Delay(options.RetryDelay(send, error.RetryAfter), time, ct);
                continue;
            }

            return (log.Failed(item, OutcomeRules.ToRecordError(error), body), null);
        }
    }

    private async Task<(RecordOutcome, LedgerEntry?)> ExistingAsync(WorkItem item, string name, JsonObject body, AttemptRecorder log, CancellationToken ct)
    {
        references.Remember(item.Doctype, item.SourceKey, new LedgerHit(name, false, true));
        var entry = new LedgerEntry(item.Doctype, item.SourceKey, name, false);

        // A user already on the site is someone's login, named and set up by the team: a run adopts it in either mode
        // and never writes to it (its mapped first name would overwrite theirs). A ticket type is only its name, and the
        // team's own settings of it (default priority, description) are theirs too; so are a team's members.
        // A file is its bytes: nothing of it is to update.
        if (options.Existing == ExistingMode.Skip || item.Doctype is "User" or "HD Ticket Type" or TeamMembers.Doctype || item.Entity == EntityKind.Attachment)
        {
            return (log.Done(item, RecordState.Skipped, RecordResult.Existing, name, null), options.DryRun ? null : entry);
        }

        if (options.DryRun)
        {
            return (log.Done(item, RecordState.Succeeded, RecordResult.WouldUpdate, name, body), null);
        }

        await PutAsync(item.Doctype, name, body, log, ct);
        return (log.Done(item, RecordState.Succeeded, RecordResult.Updated, name, body), entry);
    }

    private (RecordOutcome, LedgerEntry?) Created(WorkItem item, string name, JsonObject body, AttemptRecorder log)
    {
        references.Remember(item.Doctype, item.SourceKey, new LedgerHit(name, true, true));
        return (log.Done(item, RecordState.Succeeded, RecordResult.Created, name, body), new LedgerEntry(item.Doctype, item.SourceKey, name, true));
    }

    /// <summary>Status first, then the original dates: the status PUT stamps them with "now" (measured on Helpdesk).</summary>
    private async Task<(RecordOutcome, LedgerEntry?)> FinaliseAsync(WorkItem item, AttemptRecorder log, CancellationToken ct)
    {
        if (await references.FindAsync(item.Entity, item.SourceKey, ct) is not { } ticket)
        {
            var cause = await store.FailureOfAsync(item.Entity, item.SourceKey, ct);
            return (log.Failed(item, DependencyFailed(item.Entity, item.SourceKey, cause)), null);
        }

        // A ticket that was on the site already is left as it is, unless this run added messages to it: Helpdesk
        // stamped it with "now" for each and reopened it for a customer's, so it gets the source's status and times back
        // (a later export brought it new messages: the source is the newer word on it).
        if (!ticket.Created && options.Existing == ExistingMode.Skip && !await store.AddedMessagesAsync(item.SourceKey, ct))
        {
            return (log.Done(item, RecordState.Skipped, RecordResult.Existing, ticket.FrappeName, null), null);
        }

        var sent = new JsonObject();
        var bodies = new List<(FieldStage Stage, JsonObject Body)>(2);
        foreach (var (stage, planned) in new[] { (FieldStage.FinaliseStatus, item.Payload.FinaliseStatus), (FieldStage.FinaliseDates, item.Payload.FinaliseDates) })
        {
            if (planned is null)
            {
                continue;
            }

            if (await ResolveAsync(planned, item.Payload.References.Where(r => r.Stage == stage).ToList(), log, ct) is not { } resolved)
            {
                return (log.Failed(item, log.Unsendable!), null);
            }

            if (resolved.Count > 0)
            {
                bodies.Add((stage, resolved));
            }
        }

        JsonObject? answered = null;
        foreach (var (stage, planned) in bodies)
        {
            var body = planned;
            if (!options.DryRun)
            {
                // The status PUT measured the response and resolution times up to "now": the dates go back with the
                // times they give, measured from the ticket's SLA start as the site has it.
                if (stage == FieldStage.FinaliseDates)
                {
                    body = answered is null ? body : TicketDurations.RespondedAtResolution(body, answered);
                    body = await _durations.AddAsync(item.Doctype, c => answered is not null ? Task.FromResult<JsonObject?>(answered) : ReadAsync(item.Doctype, ticket.FrappeName, log, c), body, log, ct);
                }

                answered = await PutAsync(item.Doctype, ticket.FrappeName, body, log, ct);
            }

            foreach (var (key, value) in body)
            {
                sent[key] = value?.DeepClone();
            }
        }

        // Tags last: add_tags writes the ticket's tag column without saving it, and leaves a tag it has alone.
        if (TicketTags.Of(item.Payload.Tags) is { Count: > 0 } tags)
        {
            if (!options.DryRun)
            {
                await TagAsync(item.Doctype, ticket.FrappeName, tags, log, ct);
            }

            sent[TicketTags.Field] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]);
        }

        return (log.Done(item, RecordState.Succeeded, options.DryRun ? RecordResult.WouldUpdate : RecordResult.Updated, ticket.FrappeName, sent), null);
    }

    /// <summary>
    /// The ticket's assignee, assigned as the assignee's own assignment (<c>assigned_by</c> the assignee): Frappe notifies
    /// only a user someone else assigns, and a migration must not send each agent a notification per ticket. The user is
    /// the one this run made (its name from the ledger), or else the id as read: a user already on the site; a name that is
    /// no e-mail is the agent the site knows by that name (<c>HD Agent.agent_name</c>), as a ticket export names them. A ticket that
    /// was on the site already keeps its assignees unless the run updates what exists.
    /// </summary>
    private async Task<(RecordOutcome, LedgerEntry?)> AssignAsync(WorkItem item, AttemptRecorder log, CancellationToken ct)
    {
        if (await references.FindAsync(item.Entity, item.SourceKey, ct) is not { } ticket)
        {
            var cause = await store.FailureOfAsync(item.Entity, item.SourceKey, ct);
            return (log.Failed(item, DependencyFailed(item.Entity, item.SourceKey, cause)), null);
        }

        if (item.Payload.Assignee is not { } assignee || (!ticket.Created && options.Existing == ExistingMode.Skip))
        {
            return (log.Done(item, RecordState.Skipped, RecordResult.Existing, ticket.FrappeName, null), null);
        }

        var user = assignee;
        if (!EmailAddress.IsValid(assignee))
        {
            // A ticket export names its agent as Helpdesk shows them, never by e-mail: the agent the site has by that name.
            if (await AgentNamedAsync(assignee, log, ct) is not { } named)
            {
                return (log.Failed(item, NoAgentNamed(assignee)), null);
            }

            user = named;
        }
        else if (await references.FindAsync(EntityKind.User, assignee, ct) is { } made)
        {
            user = made.FrappeName;
        }
        else if (await store.FailureOfAsync(EntityKind.User, assignee, ct) is { } failed)
        {
            return (log.Failed(item, DependencyFailed(EntityKind.User, assignee, failed)), null);
        }

        var sent = new JsonObject { ["assign_to"] = new JsonArray(user), ["doctype"] = item.Doctype, ["name"] = ticket.FrappeName, ["assigned_by"] = user };
        if (!options.DryRun)
        {
            // assign_to.add makes nothing for a user already assigned: sending it again is safe, whatever became of a send.
            await RepeatableAsync($"POST assign_to.add {item.Doctype}/{ticket.FrappeName}", AttemptOutcomes.Assigned, c => site.AssignAsync(item.Doctype, ticket.FrappeName, user, user, c), log, ct);
        }

        return (log.Done(item, RecordState.Succeeded, options.DryRun ? RecordResult.WouldUpdate : RecordResult.Updated, ticket.FrappeName, sent), null);
    }

    private async Task<string?> AgentNamedAsync(string name, AttemptRecorder log, CancellationToken ct)
    {
        if (_agentsByName.TryGetValue(name, out var known))
        {
            return known;
        }

        var started = time.GetTimestamp();
        var found = (await SiteLookup.FindAsync(site, "HD Agent", "agent_name", [name], ct)).GetValueOrDefault(name);
        log.Add($"GET HD Agent?agent_name={name}", started, found is null ? AttemptOutcomes.NotFound : AttemptOutcomes.Found(found));
        _agentsByName[name] = found;
        return found;
    }

    private static RecordError NoAgentNamed(string name) =>
        RecordError.Portal(RecordErrorKind.Data, new PortalText(RecordTexts.NoAgentNamed, name));

    /// <summary>
    /// Adds the ticket's tags. Frappe makes a <c>Tag</c> the site lacks after looking for it, so two tickets given a new
    /// tag at the same moment both try to make it, and one is refused with DuplicateEntryError (the simulator does the
    /// same): the tag is there then, and the call, safe to repeat, is sent again.
    /// </summary>
    private async Task TagAsync(string doctype, string name, IReadOnlyList<string> tags, AttemptRecorder log, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RepeatableAsync($"POST add_tags {doctype}/{name} [{string.Join(", ", tags)}]", AttemptOutcomes.Tagged, c => site.AddTagsAsync(doctype, name, tags, c), log, ct);
                return;
            }
            catch (FrappeException ex) when (ex.Error.Kind == FrappeErrorKind.Duplicate && attempt < options.MaxSends)
            {
                // Written down by RepeatableAsync; the tag another ticket made is found this time.
            }
        }
    }

    // A PUT of the same body is safe to repeat. The document as the site saved it.
    private async Task<JsonObject?> PutAsync(string doctype, string name, JsonObject body, AttemptRecorder log, CancellationToken ct)
    {
        JsonObject? saved = null;
        await RepeatableAsync($"PUT {doctype}/{name}", AttemptOutcomes.Updated, async c => saved = await site.UpdateAsync(doctype, name, body, c), log, ct);
        return saved;
    }

    private async Task<JsonObject?> ReadAsync(string doctype, string name, AttemptRecorder log, CancellationToken ct)
    {
        JsonObject? read = null;
        await RepeatableAsync($"GET {doctype}/{name}", AttemptOutcomes.Read, async c => read = await site.GetAsync(doctype, name, c), log, ct);
        return read;
    }

    /// <summary>A request that changes nothing when it is sent twice: sent again after a refusal or an unknown fate, up to the run's sends.</summary>
    private async Task RepeatableAsync(string request, string answered, Func<CancellationToken, Task> send, AttemptRecorder log, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = time.GetTimestamp();
            try
            {
                await send(ct);
                log.Add(request, started, answered);
                return;
            }
            catch (FrappeException ex) when (OutcomeRules.Decide(ex.Error) is SendDecision.RetryLater or SendDecision.LookUpThenResend && attempt < options.MaxSends)
            {
                log.Add(request, started, ex.Error);
                await Task.Delay(options.RetryDelay(attempt, ex.Error.RetryAfter), time, ct);
            }
            catch (FrappeException ex)
            {
                log.Add(request, started, ex.Error);
                throw;
            }
        }
    }

    private async Task<string?> LookUpAsync(WorkItem item, IReadOnlyList<SiteIdentity> identities, AttemptRecorder log, CancellationToken ct)
    {
        foreach (var identity in identities)
        {
            var started = time.GetTimestamp();
            var found = await SiteLookup.FindAsync(site, item.Doctype, identity.Field, [identity.Value], ct);
            var name = found.GetValueOrDefault(identity.Value);
            log.Add($"GET {item.Doctype}?{identity.Field}={identity.Value}", started, name is null ? AttemptOutcomes.NotFound : AttemptOutcomes.Found(name));
            if (name is not null)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The insert's body with every reference written in, or null (and the reason on the log) when a reference is not there.</summary>
    private Task<JsonObject?> ResolveAsync(WorkItem item, AttemptRecorder log, CancellationToken ct)
    {
        var all = item.Payload.References;
        return ResolveAsync(item.Payload.Insert, all.All(r => r.Stage == FieldStage.Insert) ? all : [.. all.Where(r => r.Stage == FieldStage.Insert)], log, ct);
    }

    /// <summary>
    /// <paramref name="planned"/> with <paramref name="found"/> written in, or null (and the reason on the log) when a
    /// reference is not there. A ticket type and a team are named by what they say: with their stage left out of the run
    /// (no record), or a type skipped, the ticket names them as written and the site checks; a team the operator skipped
    /// is left out (its tickets get no team). Only one the site refused keeps its tickets waiting.
    /// </summary>
    private async Task<JsonObject?> ResolveAsync(JsonObject planned, IReadOnlyList<EntityReference> found, AttemptRecorder log, CancellationToken ct)
    {
        // A copy only when references are written into it; the planned body itself is never changed.
        var body = found.Count == 0 ? planned : (JsonObject)planned.DeepClone();
        foreach (var reference in found)
        {
            if (await references.FindAsync(reference.Entity, reference.SourceKey, ct) is { } hit)
            {
                ReferenceWriter.Apply(body, reference, hit.FrappeName);
                continue;
            }

            var cause = await store.FailureOfAsync(reference.Entity, reference.SourceKey, ct);
            if (reference.Entity == EntityKind.Team && cause == RecordError.Skipped)
            {
                body.Remove(reference.Field);
                continue;
            }

            if (reference.Entity is EntityKind.TicketType or EntityKind.Team && cause is null or { Kind: RecordErrorKind.Dependency })
            {
                ReferenceWriter.Apply(body, reference, reference.SourceKey);
                continue;
            }

            log.Unsendable = DependencyFailed(reference.Entity, reference.SourceKey, cause);
            return null;
        }

        return body;
    }

    internal static RecordError DependencyFailed(EntityKind entity, string key, RecordError? cause) =>
        RecordError.Portal(RecordErrorKind.Dependency, cause is null
            ? new PortalText(RecordTexts.DependencyMissing, [PortalArg.Entity(entity), PortalArg.Value(key)])
            : new PortalText(RecordTexts.DependencyFailed, [PortalArg.Entity(entity), PortalArg.Value(key), PortalArg.Of(cause)]));

    private static RecordError Throttled(int refusals) =>
        RecordError.Portal(RecordErrorKind.Transient, new PortalText(RecordTexts.Throttled, refusals.ToString(System.Globalization.CultureInfo.InvariantCulture)), 417, "ValidationError");

    private static RecordError CannotVerify(WorkItem item) =>
        RecordError.Portal(RecordErrorKind.UnknownFate, new PortalText(RecordTexts.CannotVerify, item.Doctype));
}
