using System.Globalization;
using System.Text.Json.Nodes;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// Compares the simulator's store with what an <see cref="AccountExport"/> must become, from the export's own model
/// (never from the portal's records). Each check returns the differences as sentences, empty when the site is right.
/// </summary>
public static class ImportedSite
{
    public static readonly string[] Doctypes = ["User", "HD Agent", "HD Customer", "Contact", "HD Ticket", "Communication", "HD Ticket Comment"];

    /// <summary>
    /// Documents of a doctype beyond <paramref name="before"/>. An agent's contact counts once whoever made it: Frappe
    /// gives each new user one, and the run's contact record finds it by e-mail.
    /// </summary>
    private static int Created(DocumentStore store, string doctype, IReadOnlyDictionary<string, int>? before) =>
        store.Count(doctype) - (before?.GetValueOrDefault(doctype) ?? 0);

    /// <summary>Documents per doctype beyond <paramref name="before"/> that differ from the export's counts.</summary>
    public static List<string> CountProblems(DocumentStore store, AccountExport export, IReadOnlyDictionary<string, int>? before = null)
    {
        var problems = new List<string>();
        foreach (var (doctype, expected) in export.ExpectedCounts)
        {
            var created = Created(store, doctype, before);
            if (created != expected)
            {
                problems.Add($"{doctype}: {created} created, expected {expected}");
            }
        }

        return problems;
    }

    /// <summary>
    /// After a run with faults or a crash: every record the run counts as done has its document on the site, every
    /// failed one has none, and the site holds nothing else. Every doctype, private notes included, has an identity on
    /// the site (external id or natural key), so no send may end of unknown fate.
    /// </summary>
    public static List<string> ReconcileProblems(DocumentStore store, AccountExport export, IReadOnlyList<ImportRecord> records, IReadOnlyDictionary<string, int>? before = null)
    {
        var problems = new List<string>();
        var sent = records.Where(r => RunStages.Creates(r.Stage)).ToList();
        foreach (var (doctype, expected) in export.ExpectedCounts)
        {
            var of = sent.Where(r => r.Doctype == doctype).ToList();
            var failed = of.Count(r => r.State == RecordState.Failed);
            var unverifiable = of.Count(r => r.State == RecordState.Failed && r.ErrorKind == RecordErrorKind.UnknownFate);
            var created = Created(store, doctype, before);
            if (created < expected - failed || created > expected - failed + unverifiable)
            {
                problems.Add($"{doctype}: {created} on the site; {expected} in the export, {failed} failed ({unverifiable} of unknown fate)");
            }

            problems.AddRange(of.Where(r => r.State is RecordState.Succeeded or RecordState.Skipped && (r.FrappeName is null || store.Get(doctype, r.FrappeName) is null))
                .Select(r => $"{RecordChecks.Describe(r)}: no {doctype} named {r.FrappeName} on the site"));
            problems.AddRange(of.Where(r => r.ErrorKind == RecordErrorKind.UnknownFate)
                .Select(r => $"{RecordChecks.Describe(r)}: {doctype} has an identity on the site, so its fate should have been looked up"));
        }

        var assigned = store.List("ToDo").Select(t => Text(t, "reference_name")).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(records.Where(r => r is { Stage: RunStage.Assignments, State: RecordState.Succeeded } && !assigned.Contains(r.FrappeName ?? ""))
            .Select(r => $"{RecordChecks.Describe(r)}: ticket {r.FrappeName} has no assignment on the site"));
        problems.AddRange(records.Where(r => r.State == RecordState.Failed && r.ErrorKind is not (RecordErrorKind.UnknownFate or RecordErrorKind.Dependency))
            .Select(r => $"{RecordChecks.Describe(r)}: a failure the faults should not cause"));
        return problems;
    }

    /// <summary>The user the simulator's API key belongs to, which Frappe makes the one who raised a ticket posted without <c>raised_by</c>.</summary>
    public const string ApiUser = "Administrator";

    /// <summary>How the presets know a contact: its e-mail, or without one its phone, then its mobile number.</summary>
    /// <summary>Who a contact on the site is: its e-mail, else its number, else (one with neither) the key the run wrote in its external id.</summary>
    public static string ContactKey(JsonObject contact) =>
        new[] { Text(contact, "email_id"), Text(contact, "phone"), Text(contact, "mobile_no"), Text(contact, "custom_source_id") }.FirstOrDefault(v => v.Length > 0) ?? "";

    /// <summary>Documents sharing an identity: the external id on tickets and messages, the e-mail (or the number of one without) on contacts, the name on customers, the content on private notes and files (unique in the export).</summary>
    public static List<string> DuplicateProblems(DocumentStore store) =>
        new (string Doctype, string Field)[]
        {
            ("HD Ticket", "custom_source_id"), ("Communication", "custom_source_id"), ("Contact", "email_id"), ("Contact", "phone"), ("Contact", "mobile_no"), ("Contact", "custom_source_id"), ("HD Customer", "customer_name"),
            ("ToDo", "reference_name"), ("File", "content_hash"),
        }
        .Append((Doctype: "HD Ticket Comment", Field: "content"))
        .SelectMany(x => store.FindDuplicates(x.Doctype, x.Field).Select(g => $"{x.Doctype} {x.Field}={g.Value} {g.Names.Count} times: {string.Join(", ", g.Names)}"))
        .ToList();

    /// <summary>
    /// Every file of the export on the site once, attached to its message (a description's to the ticket's first
    /// Communication, a note's to its Communication or HD Ticket Comment), private, with its own bytes and name (or the
    /// name Frappe gives a second file of that name: the name with the end of its content hash before the extension).
    /// </summary>
    public static List<string> AttachmentProblems(SimulatorHandle site, AccountExport export)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(export);
        var problems = new List<string>();
        if (export.Files is null)
        {
            // Written without its files: there are none to look for.
            return problems;
        }

        var store = site.Store;
        var communications = store.List("Communication").GroupBy(c => Text(c, "custom_source_id")).ToDictionary(g => g.Key, g => Text(g.First(), "name"), StringComparer.Ordinal);
        var comments = store.List("HD Ticket Comment").GroupBy(c => Text(c, "content")).ToDictionary(g => g.Key, g => Text(g.First(), "name"), StringComparer.Ordinal);
        var files = store.List("File").Where(f => Text(f, "attached_to_name").Length > 0)
            .ToLookup(f => (Text(f, "attached_to_doctype"), Text(f, "attached_to_name")));
        foreach (var (ticket, note, file) in export.Attachments)
        {
            var (doctype, message) = note switch
            {
                null => ("Communication", communications.GetValueOrDefault($"{ticket.SourceId}:description")),
                { Private: true } => ("HD Ticket Comment", comments.GetValueOrDefault(note.Body)),
                _ => ("Communication", communications.GetValueOrDefault(note.Id.ToString(CultureInfo.InvariantCulture))),
            };
            var what = $"file {file.Id} \"{file.FileName}\" of ticket {ticket.SourceId}{(note is null ? "" : $" note {note.Id}")}";
            if (message is null)
            {
                problems.Add($"{what}: its {doctype} is not on the site");
                continue;
            }

            var content = AttachmentOrigin.ContentOf(file.Id);
#pragma warning disable CA5351 // Frappe's content_hash is an MD5: it tells files apart, it protects nothing.
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(content));
#pragma warning restore CA5351
            var onSite = files[(doctype, message)].Where(f => Text(f, "content_hash") == hash).ToList();
            if (onSite.Count != 1)
            {
                problems.Add($"{what}: {onSite.Count} Files with its bytes on {doctype} {message}, expected 1");
                continue;
            }

            var doc = onSite[0];
            var (stem, extension) = (Path.GetFileNameWithoutExtension(file.FileName), Path.GetExtension(file.FileName));
            var name = Text(doc, "file_name");
            if (name != file.FileName && name != stem + hash[^6..] + extension)
            {
                problems.Add($"{what}: named \"{name}\" on the site");
            }

            if (Text(doc, "is_private") != "1" || site.FileContent(Text(doc, "file_url")) is not { } bytes || !bytes.AsSpan().SequenceEqual(content))
            {
                problems.Add($"{what}: {Text(doc, "file_url")} is not private or does not hold the file's bytes");
            }
        }

        return problems;
    }

    /// <summary>
    /// Each ticket whose agent replies show an image has one copy of it on the site (a private File on the ticket, with
    /// the image's bytes), and every such reply shows the copy instead of the file store's link; an image from a host
    /// files are not fetched from is left as it is.
    /// </summary>
    public static List<string> InlineImageProblems(SimulatorHandle site, AccountExport export)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(export);
        var problems = new List<string>();
        var store = site.Store;
        var tickets = store.List("HD Ticket").GroupBy(t => Text(t, "custom_source_id")).ToDictionary(g => g.Key, g => Text(g.First(), "name"), StringComparer.Ordinal);
        var communications = store.List("Communication").GroupBy(c => Text(c, "custom_source_id")).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (ticket, image) in export.InlineImages)
        {
            var name = tickets.GetValueOrDefault(ticket.SourceId);
            var content = AttachmentOrigin.ContentOf(image);
#pragma warning disable CA5351 // Frappe's content_hash is an MD5: it tells files apart, it protects nothing.
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(content));
#pragma warning restore CA5351
            var copies = store.List("File").Where(f => Text(f, "attached_to_doctype") == "HD Ticket" && Text(f, "attached_to_name") == name && Text(f, "content_hash") == hash).ToList();
            if (copies.Count != 1)
            {
                problems.Add($"ticket {ticket.SourceId} ({name}): {copies.Count} copies of its image {image} on the site, expected 1");
                continue;
            }

            var url = Text(copies[0], "file_url");
            if (Text(copies[0], "is_private") != "1" || site.FileContent(url) is not { } bytes || !bytes.AsSpan().SequenceEqual(content))
            {
                problems.Add($"ticket {ticket.SourceId}: its image's copy {url} is not private or not the image's bytes");
            }

            foreach (var reply in ticket.Notes.Where(n => n.Body.Contains("<img", StringComparison.Ordinal)))
            {
                var shown = communications.TryGetValue(reply.Id.ToString(CultureInfo.InvariantCulture), out var doc) ? Text(doc, "content") : "";
                if (!shown.Contains($"src=\"{url}\"", StringComparison.Ordinal) || shown.Contains("/inline/", StringComparison.Ordinal) || !shown.Contains($"src=\"{AccountExport.ForeignLogo}\"", StringComparison.Ordinal))
                {
                    problems.Add($"reply {reply.Id} of ticket {ticket.SourceId} shows \"{shown}\", expected its image from {url} and the logo as it was");
                }
            }
        }

        return problems;
    }

    /// <summary>Every document of the export with its links, status, dates and conversation order.</summary>
    public static List<string> ContentProblems(DocumentStore store, AccountExport export)
    {
        var problems = AgentProblems(store, export);
        problems.AddRange(TeamProblems(store, export));
        var customers = store.List("HD Customer").Select(c => Text(c, "name")).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(export.Companies.Where(c => !customers.Contains(c.Name)).Select(c => $"HD Customer {c.Name} missing"));

        var contacts = store.List("Contact").GroupBy(ContactKey, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (var user in export.Users)
        {
            if (!contacts.TryGetValue(user.Key, out var contact))
            {
                problems.Add($"Contact {user.Key} missing");
                continue;
            }

            if (Text(contact, "email_id") != user.Email || (user.WithoutEmail && Rows(contact, "email_ids").Any()))
            {
                problems.Add($"Contact {user.Key} has e-mail \"{Text(contact, "email_id")}\" and {Rows(contact, "email_ids").Count()} e-mail rows, expected \"{user.Email}\"");
            }

            var links = Rows(contact, "links").Where(l => Text(l, "link_doctype") == "HD Customer").Select(l => Text(l, "link_name")).ToList();
            var expectedLinks = export.CompanyName(user.CompanyId) is { } company ? new List<string> { company } : [];
            if (!links.SequenceEqual(expectedLinks))
            {
                problems.Add($"Contact {user.Key} links to [{string.Join(", ", links)}], expected [{string.Join(", ", expectedLinks)}]");
            }

            // Each number its own row, primary of its kind, so the contact shows both.
            if ((Text(contact, "phone"), Text(contact, "mobile_no")) != (user.Phone ?? "", user.Mobile ?? ""))
            {
                problems.Add($"Contact {user.Key} has phone \"{Text(contact, "phone")}\" and mobile \"{Text(contact, "mobile_no")}\", expected \"{user.Phone}\" and \"{user.Mobile}\"");
            }

            // One known by neither e-mail nor number is their name, and their key in the external id (how a lost answer is looked up).
            if (user.WithoutAddress && ($"{Text(contact, "first_name")} {Text(contact, "last_name")}".Trim() != user.Name || Rows(contact, "phone_nos").Any() || Text(contact, "custom_source_id") != user.Key))
            {
                problems.Add($"Contact {user.Key} is \"{Text(contact, "first_name")} {Text(contact, "last_name")}\" with {Rows(contact, "phone_nos").Count()} numbers and source id \"{Text(contact, "custom_source_id")}\", expected \"{user.Name}\" with none and \"{user.Key}\"");
            }
        }

        var tickets = store.List("HD Ticket").GroupBy(t => Text(t, "custom_source_id")).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var communications = store.List("Communication").Where(c => Text(c, "reference_doctype") == "HD Ticket").ToLookup(c => Text(c, "reference_name"));
        var comments = store.List("HD Ticket Comment").ToLookup(c => Text(c, "reference_ticket"));
        var assignments = store.List("ToDo").Where(t => Text(t, "reference_type") == "HD Ticket").ToLookup(t => Text(t, "reference_name"));
        // Each agent assigned their own tickets, as far as Frappe is concerned: nobody was notified.
        problems.AddRange(store.List("Notification Log").Select(n => $"Notification Log to {Text(n, "for_user")} about {Text(n, "document_name")}: a migration notifies nobody"));
        foreach (var ticket in export.Tickets)
        {
            if (!tickets.TryGetValue(ticket.SourceId, out var doc))
            {
                problems.Add($"HD Ticket {ticket.SourceId} missing");
                continue;
            }

            problems.AddRange(TicketProblems(ticket, doc, export, contacts));
            var name = Text(doc, "name");
            var conversation = communications[name].Select(c => Text(c, "custom_source_id")).ToList();
            if (!conversation.SequenceEqual(ticket.CommunicationIds))
            {
                problems.Add($"HD Ticket {ticket.SourceId} ({name}) has Communications [{string.Join(", ", conversation)}] in that order, expected [{string.Join(", ", ticket.CommunicationIds)}]");
            }

            var notes = comments[name].Select(c => Text(c, "content")).ToList();
            var expectedNotes = ticket.Notes.Where(n => n.Private).Select(n => n.Body).ToList();
            if (!notes.SequenceEqual(expectedNotes))
            {
                problems.Add($"HD Ticket {ticket.SourceId} has private notes [{string.Join(" | ", notes)}], expected [{string.Join(" | ", expectedNotes)}]");
            }

            problems.AddRange(AuthorProblems(ticket, communications[name], comments[name], export));
            var assignees = assignments[name].Select(t => $"{Text(t, "allocated_to")} {Text(t, "status")} by {Text(t, "assigned_by")}").ToList();
            var expectedAssignees = export.AssigneeOf(ticket) is { } assignee ? new List<string> { $"{assignee} Open by {assignee}" } : [];
            if (!assignees.SequenceEqual(expectedAssignees))
            {
                problems.Add($"HD Ticket {ticket.SourceId} ({name}) is assigned [{string.Join(", ", assignees)}], expected [{string.Join(", ", expectedAssignees)}]");
            }
        }

        return problems;
    }

    /// <summary>Each team the site lacked made with the agents who answered its tickets; the site's own left as they were (no members).</summary>
    private static List<string> TeamProblems(DocumentStore store, AccountExport export)
    {
        var problems = new List<string>();
        foreach (var team in export.Teams)
        {
            if (store.Get("HD Team", team) is not { } doc)
            {
                problems.Add($"HD Team {team} missing");
                continue;
            }

            var members = Rows(doc, "users").Select(u => Text(u, "user")).Order(StringComparer.Ordinal).ToList();
            var expected = export.NewTeams.Contains(team) ? export.MembersOf(team) : [];
            if (!members.SequenceEqual(expected))
            {
                problems.Add($"HD Team {team} has members [{string.Join(", ", members)}], expected [{string.Join(", ", expected)}]");
            }
        }

        return problems;
    }

    /// <summary>Each agent a User (no welcome e-mail queued) and an HD Agent with the agent's name.</summary>
    private static List<string> AgentProblems(DocumentStore store, AccountExport export)
    {
        var problems = new List<string>();
        foreach (var agent in export.Agents)
        {
            if (store.Get("User", agent.Email) is not { } user)
            {
                problems.Add($"User {agent.Email} missing");
            }
            else if (Text(user, "full_name") != agent.Name.Trim())
            {
                problems.Add($"User {agent.Email} is called \"{Text(user, "full_name")}\", expected \"{agent.Name}\"");
            }

            if (store.Get("HD Agent", agent.Email) is not { } profile)
            {
                problems.Add($"HD Agent {agent.Email} missing");
            }
            else if (Text(profile, "agent_name") != agent.Name)
            {
                problems.Add($"HD Agent {agent.Email} is called \"{Text(profile, "agent_name")}\", expected \"{agent.Name}\"");
            }
        }

        problems.AddRange(store.List("Email Queue").Where(m => Text(m, "reference_doctype") == "User").Select(m => $"a welcome e-mail was queued for {Text(m, "reference_name")}"));
        return problems;
    }

    /// <summary>
    /// An agent's reply names the agent in <c>user</c> and a private note in <c>commented_by</c>; a message by someone
    /// who is no longer an agent, or by the customer, names no agent; every message shows its writer's name.
    /// </summary>
    private static IEnumerable<string> AuthorProblems(ExportTicket ticket, IEnumerable<JsonObject> communications, IEnumerable<JsonObject> comments, AccountExport export)
    {
        var agents = export.Agents.Select(a => a.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var byId = communications.ToDictionary(c => Text(c, "custom_source_id"), StringComparer.Ordinal);
        var byContent = comments.ToDictionary(c => Text(c, "content"), StringComparer.Ordinal);

        // Every message shows its writer's name as the source writes it (Frappe would run a contact's first and last
        // name together).
        var writers = ticket.Notes.Where(n => !n.Private).Select(n => (Id: n.Id.ToString(CultureInfo.InvariantCulture), export.User(n.UserId).Name))
            .Prepend(($"{ticket.SourceId}:description", export.User(ticket.RequesterId).Name));
        foreach (var (id, name) in writers)
        {
            if (byId.GetValueOrDefault(id) is { } message && Text(message, "sender_full_name") != name)
            {
                yield return $"HD Ticket {ticket.SourceId}: message {id} shows its writer as \"{Text(message, "sender_full_name")}\", expected \"{name}\"";
            }
        }

        foreach (var note in ticket.Notes)
        {
            // Frappe gives a Received message the importing account as its user, whoever wrote it (an agent raising a
            // ticket for the team answers as its requester).
            var writer = export.User(note.UserId);
            var want = writer.Agent && !(note.Incoming && !note.Private) ? writer.Email : null;
            var (field, doc) = note.Private
                ? ("commented_by", byContent.GetValueOrDefault(note.Body))
                : ("user", byId.GetValueOrDefault(note.Id.ToString(CultureInfo.InvariantCulture)));
            if (doc is null)
            {
                continue;
            }

            var got = Text(doc, field);
            if (want is not null ? got != want : agents.Contains(got))
            {
                yield return $"HD Ticket {ticket.SourceId}: note {note.Id} by {writer.Email} has {field} \"{got}\", expected {(want is null ? "no agent" : $"\"{want}\"")}";
            }
        }
    }

    private static IEnumerable<string> TicketProblems(ExportTicket ticket, JsonObject doc, AccountExport export, Dictionary<string, JsonObject> contacts)
    {
        var requester = export.User(ticket.RequesterId);
        var id = ticket.SourceId;
        var contact = contacts.TryGetValue(requester.Key, out var c) ? Text(c, "name") : "(no contact)";
        var expected = new (string Field, string? Want, string Got)[]
        {
            ("subject", ticket.Subject, Text(doc, "subject")),
            ("ticket_type", ticket.TicketType, Text(doc, "ticket_type")),
            ("agent_group", AccountExport.TeamOf(ticket) ?? "", Text(doc, "agent_group")),
            // A customer without an e-mail: Frappe fills raised_by with the API user, and the contact says who it was.
            ("raised_by", requester.WithoutEmail ? ApiUser : requester.Email, Text(doc, "raised_by")),
            ("contact", contact, Text(doc, "contact")),
            ("customer", export.CompanyName(requester.CompanyId) ?? "", Text(doc, "customer")),
            ("status", ticket.HelpdeskStatus, Text(doc, "status")),
            ("opening_date", Utc(ticket.CreatedAt, "yyyy-MM-dd"), Text(doc, "opening_date")),
            ("opening_time", Utc(ticket.CreatedAt, "HH:mm:ss"), Clock(Text(doc, "opening_time"))),
            ("resolution_date", ticket.ResolvedAt is { } resolved ? Utc(resolved, "yyyy-MM-dd HH:mm:ss") : null, Text(doc, "resolution_date")),
            ("first_responded_on", (ticket.FirstRespondedAt ?? AgentReplies(ticket).Min()) is { } first ? Utc(first, "yyyy-MM-dd HH:mm:ss") : null, Text(doc, "first_responded_on")),
            // Each message the run inserted stamped the ticket with "now"; the finalise PUT writes the conversation's own times back.
            ("last_agent_response", AgentReplies(ticket).Max() is { } agent ? Utc(agent, "yyyy-MM-dd HH:mm:ss") : null, Text(doc, "last_agent_response")),
            ("last_customer_response", CustomerMessages(ticket).Max() is { } customer ? Utc(customer, "yyyy-MM-dd HH:mm:ss") : null, Text(doc, "last_customer_response")),
        };

        // A null expectation: the source has no value, so what the site put there is not ours to check.
        return expected.Where(e => e.Want is not null && e.Want != e.Got).Select(e => $"HD Ticket {id}: {e.Field} is \"{e.Got}\", expected \"{e.Want}\"")
            .Concat(DurationProblems(ticket, doc))
            .Concat(RaisedOutsideProblems(ticket, doc))
            .Concat(TagProblems(ticket, doc));
    }

    /// <summary>The simulator's default SLA: Monday to Friday, 10:00 to 18:00, and the holidays of "Ngày lễ Việt Nam".</summary>
    private static readonly HashSet<string> Holidays = ["2024-04-30", "2024-05-01", "2024-09-02", "2025-04-30", "2025-05-01", "2025-09-02"];

    /// <summary>
    /// Whether the ticket was raised outside the SLA's working hours is its own creation's answer, not the migration's
    /// (Helpdesk 1.20+ sets it from the moment of the insert). Only a ticket with a date to write back gets the dates PUT
    /// that carries it.
    /// </summary>
    private static IEnumerable<string> RaisedOutsideProblems(ExportTicket ticket, JsonObject doc)
    {
        var hasDates = ticket.ResolvedAt is not null || ticket.FirstRespondedAt is not null || AgentReplies(ticket).Any() || CustomerMessages(ticket).Any();
        if (!doc.ContainsKey("raised_outside_working_hours") || !hasDates)
        {
            yield break;
        }

        var at = ticket.CreatedAt.UtcDateTime;
        var outside = at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || at.Hour < 10 || at.Hour >= 18
            || Holidays.Contains(at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var want = outside ? "1" : "0";
        if (Text(doc, "raised_outside_working_hours") != want)
        {
            yield return $"HD Ticket {ticket.SourceId}: raised_outside_working_hours is \"{Text(doc, "raised_outside_working_hours")}\", expected {want} (created {at:yyyy-MM-dd HH:mm} UTC, a {at.DayOfWeek})";
        }
    }

    /// <summary>The ticket's tags, each once (Frappe's <c>_user_tags</c>: ",a,b"), with a Tag for each on the site.</summary>
    private static IEnumerable<string> TagProblems(ExportTicket ticket, JsonObject doc)
    {
        var want = ticket.Tags.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var got = Text(doc, "_user_tags").Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (!want.SequenceEqual(got))
        {
            yield return $"HD Ticket {ticket.SourceId}: tags are [{string.Join(", ", got)}], expected [{string.Join(", ", want)}]";
        }
    }

    /// <summary>
    /// The first response and resolution times are working seconds of the SLA from the ticket's creation: never more than
    /// the seconds between the two moments (the status PUT alone measures them up to the day of the migration).
    /// </summary>
    private static IEnumerable<string> DurationProblems(ExportTicket ticket, JsonObject doc)
    {
        foreach (var (field, end) in new[] { ("first_response_time", ticket.FirstRespondedAt ?? AgentReplies(ticket).Min()), ("resolution_time", ticket.ResolvedAt) })
        {
            if (end is not { } at)
            {
                continue;
            }

            var span = Math.Max(0, (at - ticket.CreatedAt).TotalSeconds);
            if (!double.TryParse(Text(doc, field), CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || seconds > span + 1)
            {
                yield return $"HD Ticket {ticket.SourceId}: {field} is \"{Text(doc, field)}\", expected working seconds between 0 and {span:0}";
            }
        }
    }

    private static IEnumerable<DateTimeOffset?> AgentReplies(ExportTicket ticket) =>
        ticket.Notes.Where(n => !n.Private && !n.Incoming).Select(n => (DateTimeOffset?)n.CreatedAt);

    /// <summary>The customer's messages: the ticket's description (its first message, at its creation) and the incoming notes.</summary>
    private static IEnumerable<DateTimeOffset?> CustomerMessages(ExportTicket ticket) =>
        (ticket.Description is null ? [] : new DateTimeOffset?[] { ticket.CreatedAt })
            .Concat(ticket.Notes.Where(n => !n.Private && n.Incoming).Select(n => (DateTimeOffset?)n.CreatedAt));

    public static string Utc(DateTimeOffset time, string format) => time.UtcDateTime.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Time fields come back like MariaDB's timedelta ("9:05:00"); compare them as HH:mm:ss.</summary>
    private static string Clock(string text) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var t) ? t.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : text;

    public static string Text(JsonObject doc, string field) => doc[field] is JsonValue v ? v.ToString() : "";

    public static IEnumerable<JsonObject> Rows(JsonObject doc, string field) => doc[field] is JsonArray rows ? rows.OfType<JsonObject>() : [];

    /// <summary>At most <paramref name="max"/> problems, one a line, for a failure message.</summary>
    public static string Describe(IReadOnlyCollection<string> problems, int max = 25) =>
        $"{problems.Count} problem(s):\n" + string.Join("\n", problems.Take(max)) + (problems.Count > max ? $"\n... and {problems.Count - max} more" : "");
}
