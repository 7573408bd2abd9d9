using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FrappeSimulator.Faults;
using FrappeSimulator.Store;

namespace FrappeSimulator.Hosting;

/// <summary>A running simulator: where it listens, how to authenticate, its fault controls and its store.</summary>
public sealed class SimulatorHandle : IAsyncDisposable
{
    readonly WebApplication app;
    readonly SimulatedSite site;

    internal SimulatorHandle(WebApplication app, SimulatedSite site, Uri baseUrl, string apiKey, string apiSecret)
    {
        this.app = app;
        this.site = site;
        BaseUrl = baseUrl;
        ApiKey = apiKey;
        ApiSecret = apiSecret;
    }

    /// <summary>e.g. http://127.0.0.1:41234/ (always with a trailing slash).</summary>
    public Uri BaseUrl { get; }

    public string ApiKey { get; }

    public string ApiSecret { get; }

    /// <summary>The value of the Authorization header: "token key:secret".</summary>
    public string AuthorizationHeader => $"token {ApiKey}:{ApiSecret}";

    public HelpdeskVersion Helpdesk => site.Options.Helpdesk;

    /// <summary>The release get_versions reports, e.g. "1.28.1".</summary>
    public string HelpdeskRelease => site.HelpdeskRelease;

    /// <summary>Latency, capacity, rate limit, fault rules and document rejections; change them at any time.</summary>
    public FaultPlan Faults => site.Faults;

    /// <summary>The documents and request counts, read without going through HTTP.</summary>
    public DocumentStore Store => site.Store;

    /// <summary>The bytes uploaded to a file_url (e.g. "/private/files/scan.pdf"), or null when nothing is there.</summary>
    public byte[]? FileContent(string fileUrl) => site.Files.Read(fileUrl);

    /// <summary>A client with BaseAddress, the token header and Accept: application/json.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", $"{ApiKey}:{ApiSecret}");
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>
    /// Writes a document as prior server state (no validation, no hooks); "name", "creation" and "modified" are kept when given.
    /// Returns the name.
    /// </summary>
    public string Seed(string doctype, JsonObject document) => new Seeder(site).Put(doctype, document);

    /// <summary>
    /// An agent set up on the site beforehand, as a team that has set up its Helpdesk has them: a User named by its e-mail
    /// and an HD Agent with the name Helpdesk shows. Nothing when the user is there already.
    /// </summary>
    public void SeedAgent(string email, string name)
    {
        if (site.Store.Get("User", email) is not null)
        {
            return;
        }

        Seed("User", new JsonObject { ["name"] = email, ["email"] = email, ["first_name"] = name, ["full_name"] = name, ["enabled"] = 1 });
        Seed("HD Agent", new JsonObject { ["name"] = email, ["user"] = email, ["agent_name"] = name, ["is_active"] = 1 });
    }

    /// <summary>Completes when the host stops (Ctrl+C / SIGTERM in standalone mode).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        if (site.Options.DataFile is { } file)
        {
            await DataFile.SaveAsync(site, file);
        }

        await app.DisposeAsync();
    }
}
