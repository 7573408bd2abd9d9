using System.Globalization;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Preflight;
using ImportPortal.Tests.Unit.Infrastructure;

namespace ImportPortal.Tests.Unit.Preflight;

/// <summary>Every text the preflight can show exists in English and Vietnamese and formats with the arguments it gets.</summary>
public sealed class PreflightResourceTests
{

    private static readonly Dictionary<string, string> English = Load("PreflightResource.resx");

    private static readonly Dictionary<string, string> Vietnamese = Load("PreflightResource.vi.resx");

    private static IEnumerable<string> KnownKeys => PreflightKeys.All.Concat(PreflightCheckIds.All.Select(PreflightKeys.Title));

    [Fact]
    public void Every_key_and_every_check_title_exists_in_both_languages_with_text()
    {
        foreach (var texts in new[] { English, Vietnamese })
        {
            var missing = KnownKeys.Where(k => !texts.ContainsKey(k)).ToList();
            var empty = texts.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key).ToList();
            Assert.Empty(missing);
            Assert.Empty(empty);
        }

        Assert.Empty(English.Keys.Except(KnownKeys));
        Assert.Empty(Vietnamese.Keys.Except(KnownKeys));
    }

    [Fact]
    public void English_and_vietnamese_use_the_same_placeholders_and_the_vietnamese_is_translated()
    {
        var mismatched = English.Keys.Where(k => !ResourceFile.Placeholders(English[k]).SequenceEqual(ResourceFile.Placeholders(Vietnamese[k]))).ToList();
        var untranslated = English.Where(e => e.Value.Contains(' ', StringComparison.Ordinal) && e.Value.Length > 24 && Vietnamese[e.Key] == e.Value).Select(e => e.Key).ToList();
        Assert.Empty(mismatched);
        Assert.Empty(untranslated);
    }

    [Fact]
    public async Task Every_key_the_inspector_emits_is_known_and_formats_with_its_arguments_in_both_languages()
    {
        var emitted = new HashSet<string>();
        foreach (var scenario in Scenarios())
        {
            var report = await PreflightRun.OnAsync(scenario);
            foreach (var line in report.Lines)
            {
                foreach (var key in new[] { line.MessageKey, line.AdviceKey }.OfType<string>())
                {
                    emitted.Add(key);
                    Assert.Contains(key, PreflightKeys.All);
                    var args = line.MessageArgs.Cast<object>().ToArray();
                    _ = string.Format(CultureInfo.InvariantCulture, English[key], args);
                    _ = string.Format(CultureInfo.InvariantCulture, Vietnamese[key], args);
                }
            }
        }

        // The scenarios reach every key, so the formatting above covered them all.
        Assert.Empty(PreflightKeys.All.Except(emitted));
    }

    private static IEnumerable<FakeFrappeSite> Scenarios()
    {
        yield return PreflightSites.Healthy();

        var refused = PreflightSites.Healthy();
        refused.RefuseKey = true;
        yield return refused;

        var redirected = PreflightSites.Healthy();
        redirected.FailEverything = FrappeError.Redirect(301, "https://hotro.haravan.example/", "https://hotro.haravan.example/app");
        yield return redirected;

        var unreachable = PreflightSites.Healthy();
        unreachable.FailEverything = FrappeError.NotSent("Connection refused (hotro.haravan.example:443)");
        yield return unreachable;

        var untrusted = PreflightSites.Healthy();
        untrusted.FailEverything = FrappeError.UntrustedCertificate("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot");
        yield return untrusted;

        yield return Messy();
        yield return Broken();

        var unreadable = PreflightSites.Healthy();
        unreadable.LoggedUser = "api@example.com";
        unreadable.Failing["User"] = FrappeErrorKind.AuthOrPermission;
        unreadable.Versions.Add(new("erpnext", "ERPNext", "15.40.0"));
        yield return unreadable;
    }

    // Everything that can be Amber or Red while the site still answers.
    private static FakeFrappeSite Messy()
    {
        var site = PreflightSites.Healthy(externalIds: false);
        site.LoggedUser = "agent@example.com";
        site.Add("User", new() { ["name"] = "agent@example.com", ["roles"] = new JsonArray(new JsonObject { ["role"] = "Agent" }) });
        site.Versions[0] = new("frappe", "Frappe Framework", "14.0.0");
        site.RemoveDocType("Customer");
        var settings = site.Single("HD Settings");
        settings["send_acknowledgement_email"] = 1;
        settings["enable_email_ticket_feedback"] = 1;
        settings["auto_close_tickets"] = 1;
        site.Add("Email Queue", new() { ["name"] = "q1", ["status"] = "Not Sent" });
        site.Add("Assignment Rule", new() { ["name"] = "Billing - Support Rotation", ["document_type"] = "HD Ticket", ["disabled"] = 0 });
        site.Add("Notification", new() { ["name"] = "Ticket closed", ["document_type"] = "HD Ticket", ["enabled"] = 1 });
        site.Add("HD Ticket Priority", new() { ["name"] = "Critical" });
        return site;
    }

    private static FakeFrappeSite Broken()
    {
        var site = PreflightSites.Healthy();
        site.LoggedUser = "manager@example.com";
        site.Add("User", new() { ["name"] = "manager@example.com", ["roles"] = new JsonArray(new JsonObject { ["role"] = "System Manager" }) });
        site.Versions.RemoveAll(v => v.App == "helpdesk");
        site.RemoveDocType("HD Ticket Comment");
        site.AddMeta("HD Settings", FakeFrappeSite.Field("auto_update_status", "Check"));
        site.Clear("HD Settings");
        site.Add("HD Settings", new() { ["name"] = "HD Settings" });
        site.Clear("HD Service Level Agreement");
        site.Failing["Email Queue"] = FrappeErrorKind.ServerError;
        return site;
    }

    private static Dictionary<string, string> Load(string file) => ResourceFile.Load(file);
}
