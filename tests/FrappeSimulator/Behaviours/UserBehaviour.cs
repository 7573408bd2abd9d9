using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Behaviours;

/// <summary>User controller: the creation throttle, names, Website User without roles, a Contact per user, the welcome e-mail.</summary>
sealed class UserBehaviour(SimulatedSite site) : IDocTypeBehaviour
{
    /// <summary>
    /// User.before_insert runs throttle_user_creation: more than throttle_user_limit users created in the last minute
    /// (any creator) and the insert is refused with <c>frappe.throw(_("Throttled"))</c>, before anything is written.
    /// </summary>
    const string ThrottleFrames =
        "  File \"apps/frappe/frappe/core/doctype/user/user.py\", line 80, in before_insert\n    throttle_user_creation()\n" +
        "  File \"apps/frappe/frappe/core/doctype/user/user.py\", line 1121, in throttle_user_creation\n    frappe.throw(_(\"Throttled\"))\n" +
        "  File \"apps/frappe/frappe/__init__.py\", line 652, in throw\n    msgprint(";

    public void BeforeLinks(DocumentContext ctx)
    {
        if (!ctx.IsNew)
        {
            return;
        }

        var since = FrappeFormat.Datetime(site.Clock.Now() - site.Options.ThrottleUserWindow);
        // Administrator and Guest are seeded when the simulator starts, but on a real site they date from its install.
        var recent = site.All("User").Count(u => u["name"]?.GetValue<string>() is not ("Administrator" or "Guest")
            && string.CompareOrdinal(u["creation"]?.GetValue<string>(), since) > 0);
        if (recent > site.Options.ThrottleUserLimit)
        {
            throw FrappeErrors.Fail("ValidationError", site.Options.ThrottleUserMessage, frames: ThrottleFrames);
        }
    }

    public void BeforeValidate(DocumentContext ctx)
    {
        if (!ctx.IsNew)
        {
            return;
        }

        var doc = ctx.Doc;
        doc["full_name"] = string.Join(" ", new[] { "first_name", "middle_name", "last_name" }.Select(ctx.Text).Where(p => !string.IsNullOrWhiteSpace(p)));
        if (ctx.IsEmpty("username"))
        {
            doc["username"] = FreeUsername((ctx.Text("first_name") ?? "").Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal));
        }

        if (!JsonDocs.Rows(doc, "roles").Any())
        {
            doc["user_type"] = "Website User";
            ctx.Messages.Add(new ServerMessage(
                $"Newly created user <strong>{ctx.Text("email")}</strong> has no roles enabled.",
                "No Roles Specified",
                "orange",
                RaiseException: false,
                PrimaryAction: new JsonObject
                {
                    ["label"] = "Add Roles",
                    ["client_action"] = "frappe.set_route",
                    ["args"] = new JsonArray("Form", "User", ctx.Text("email")),
                }));
        }

        doc["social_logins"] = new JsonArray(new JsonObject
        {
            ["provider"] = "frappe",
            ["userid"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20))[..39],
        });
    }

    /// <summary>Frappe's suggest_username: the first name, with a number added while it is taken.</summary>
    string FreeUsername(string wanted)
    {
        var candidate = wanted;
        for (var n = 1; site.FindBy("User", "username", candidate).Any(); n++)
        {
            candidate = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{wanted}{n}");
        }

        return candidate;
    }

    /// <summary>Frappe gives every new user a Contact named after them (probe2-05 and fidelity-08 show it in timelines).</summary>
    public void AfterInsert(DocumentContext ctx)
    {
        var email = ctx.Text("email") ?? "";
        if (!site.FindBy("Contact", "email_id", email).Any())
        {
            var contact = new JsonObject
            {
                ["first_name"] = ctx.Text("first_name"),
                ["last_name"] = ctx.Text("last_name"),
                ["user"] = ctx.ProvisionalName,
                ["email_ids"] = new JsonArray(new JsonObject { ["email_id"] = email, ["is_primary"] = 1 }),
            };
            site.Engine.Insert("Contact", contact, ctx.User, ctx.Transaction);
        }

        if (JsonDocs.IsTrue(ctx.Doc["send_welcome_email"]))
        {
            EmailQueue.Enqueue(site, ctx, email, "Welcome to Helpdesk", "User", ctx.ProvisionalName);
        }
    }
}
