using System.Text;
using System.Text.Json.Nodes;
using FrappeSimulator.Faults;
using FrappeSimulator.Hosting;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// A live helpdesk that an import would make noisy: acknowledgement, feedback and auto-close on, an assignment rule
/// that gives every open ticket to an agent (and one already disabled), a Notification that mails every new ticket's
/// customer, and a mail of its own waiting unsent. <see cref="Watch"/> records, at every ticket write, what the site
/// would have done.
/// </summary>
public sealed class NoisyHelpdesk
{
    public const string Rule = "Phiếu mới cho trực ban";
    public const string DisabledRule = "Xoay vòng cũ";
    public const string Agent = "truc.ban@haravan.example";
    public const string ForeignTicket = "9999";
    public const string Notification = "Cảm ơn khách hàng";

    private readonly SimulatorHandle _sim;
    private int _loudWrites;

    private NoisyHelpdesk(SimulatorHandle sim, string foreignMail)
    {
        _sim = sim;
        ForeignMail = foreignMail;
    }

    /// <summary>The site's own unsent mail (about a ticket no run created): restoring must keep it.</summary>
    public string ForeignMail { get; }

    /// <summary>Ticket writes the site received while a flag was on, the rule enabled or sending not suspended... as far as the store shows.</summary>
    public int LoudWrites => Volatile.Read(ref _loudWrites);

    public static async Task<NoisyHelpdesk> PrepareAsync(SimulatorHandle sim)
    {
        ArgumentNullException.ThrowIfNull(sim);
        using var http = sim.CreateClient();
        await SendAsync(http, HttpMethod.Put, "api/resource/HD Settings/HD Settings", new JsonObject
        {
            ["send_acknowledgement_email"] = 1, ["enable_email_ticket_feedback"] = 1, ["auto_close_tickets"] = 1,
        });
        await SendAsync(http, HttpMethod.Post, "api/resource/User", new JsonObject { ["email"] = Agent, ["first_name"] = "Trực ban", ["send_welcome_email"] = 0 });
        foreach (var (name, disabled) in new[] { (Rule, 0), (DisabledRule, 1) })
        {
            await SendAsync(http, HttpMethod.Post, "api/resource/Assignment Rule", new JsonObject
            {
                ["name"] = name, ["document_type"] = "HD Ticket", ["rule"] = "Round Robin", ["priority"] = 5, ["disabled"] = disabled,
                ["assign_condition"] = "status == 'Open'", ["users"] = new JsonArray(new JsonObject { ["user"] = Agent }),
            });
        }

        await SendAsync(http, HttpMethod.Post, "api/resource/Notification", new JsonObject
        {
            ["name"] = Notification, ["enabled"] = 1, ["channel"] = "Email", ["event"] = "New", ["document_type"] = "HD Ticket", ["subject"] = "Cảm ơn bạn",
        });
        var foreign = sim.Seed("Email Queue", new JsonObject
        {
            ["status"] = "Not Sent", ["reference_doctype"] = "HD Ticket", ["reference_name"] = ForeignTicket, ["message"] = "Trả lời của nhân viên, chờ gửi",
            ["recipients"] = new JsonArray(new JsonObject { ["recipient"] = "khach@example.com", ["status"] = "Not Sent" }),
        });
        return new NoisyHelpdesk(sim, foreign);
    }

    /// <summary>Counts the ticket writes that reach the site while it is not silenced (the predicate never refuses).</summary>
    public void Watch() => _sim.Faults.Rejections.Add("HD Ticket", _ =>
    {
        if (!IsQuiet())
        {
            Interlocked.Increment(ref _loudWrites);
        }

        return false;
    }, "never refused");

    /// <summary>Flags off, the rule and the notification disabled, as the store shows them now.</summary>
    public bool IsQuiet()
    {
        var settings = Settings();
        return Flags(settings).All(f => f == 0) && RuleDisabled(Rule) == 1 && NotificationEnabled(Notification) == 0;
    }

    public JsonObject Settings() => _sim.Store.Get("HD Settings", "HD Settings")!;

    public static IReadOnlyList<int> Flags(JsonObject settings) =>
        [.. new[] { "send_acknowledgement_email", "enable_email_ticket_feedback", "auto_close_tickets" }.Select(f => Int(settings[f]))];

    public int RuleDisabled(string rule) => Int(_sim.Store.Get("Assignment Rule", rule)!["disabled"]);

    public int NotificationEnabled(string notification) => Int(_sim.Store.Get("Notification", notification)!["enabled"]);

    /// <summary>
    /// An admin enables a new Notification on HD Ticket while the run silences the site (when it disables the
    /// assignment rule, after it listed the notifications): the run did not disable it and leaves it on, and every
    /// ticket the run writes queues a mail through it.
    /// </summary>
    public void EnableNotificationDuringTheRun(string name) => OnceAtFirstWriteOf("Assignment Rule", () => _sim.Seed("Notification", new JsonObject
    {
        ["name"] = name, ["enabled"] = 1, ["channel"] = "Email", ["event"] = "New", ["document_type"] = "HD Ticket", ["subject"] = "Phiếu mới",
    }));

    /// <summary>The site goes down once the run's first ticket is written: from then on every HD Settings PUT gets the proxy's 502.</summary>
    public void TakeSettingsDownAtFirstTicket() =>
        OnceAtFirstWriteOf("HD Ticket", () => _sim.Faults.AddShare(FaultKind.BadGateway, 1, FaultTarget.ForDoctype("HD Settings", "PUT")));

    /// <summary>Does <paramref name="act"/> once, while the site validates the first write of <paramref name="doctype"/> (which it never refuses).</summary>
    private void OnceAtFirstWriteOf(string doctype, Action act)
    {
        var done = 0;
        _sim.Faults.Rejections.Add(doctype, _ =>
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                act();
            }

            return false;
        }, "never refused");
    }

    private static int Int(System.Text.Json.Nodes.JsonNode? value) => int.Parse(value?.ToString() ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether the site sends mail now: a ticket inserted by someone else gets a mail, from a notification switched on
    /// for the probe alone (whatever the run switched off), that is "Sent" or "Not Sent".
    /// </summary>
    public async Task<string> ProbeSendingAsync(string subject)
    {
        var probe = new JsonObject { ["name"] = "Thăm dò gửi thư", ["enabled"] = 1, ["channel"] = "Email", ["event"] = "New", ["document_type"] = "HD Ticket", ["subject"] = "Thăm dò" };
        _sim.Seed("Notification", probe);
        try
        {
            using var http = _sim.CreateClient();
            var ticket = await SendAsync(http, HttpMethod.Post, "api/resource/HD Ticket", new JsonObject { ["subject"] = subject, ["raised_by"] = "tham.do@example.com" });
            var name = ticket["data"]!["name"]!.ToString();
            return _sim.Store.List("Email Queue").Last(m => m["reference_name"]?.ToString() == name)["status"]!.GetValue<string>();
        }
        finally
        {
            probe["enabled"] = 0;
            _sim.Seed("Notification", probe);
        }
    }

    private static async Task<JsonObject> SendAsync(HttpClient http, HttpMethod method, string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(method, path.Replace(" ", "%20", StringComparison.Ordinal)) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
