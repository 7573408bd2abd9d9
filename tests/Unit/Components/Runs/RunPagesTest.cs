using Bunit;
using ImportPortal.Domain.Migration;
using ImportPortal.Jobs;
using ImportPortal.Mappings;
using ImportPortal.Runs;
using ImportPortal.Security;
using ImportPortal.Sites;
using ImportPortal.Tests.Unit.Infrastructure;
using ImportPortal.Tests.Unit.Runs;
using ImportPortal.Uploads;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Components.Runs;

/// <summary>
/// The run pages over the real run services (SQLite, simulator site) as an Operator. A run is made by uploading a
/// generated ticket export with one ticket the simulator refuses, and executing its job here.
/// </summary>
public abstract class RunPagesTest : PortalComponentTest, IAsyncLifetime
{
    protected const string RefusedSubject = "Phiếu thử bị từ chối";
    protected const string RefusalMessage = "Tiêu đề này bị từ chối";
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    protected RunsHarness H { get; private set; } = null!;

    /// <summary>Signed in as an Operator; a test may make the user an Admin before rendering.</summary>
    protected Bunit.TestDoubles.BunitAuthorizationContext Auth { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        H = await RunsHarness.StartAsync(configure: ConfigurePortal);
        Services.AddSingleton(H.Queries);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(H.Runs);
        Services.AddSingleton(H.Services.GetRequiredService<ProgressFeed<RunProgress>>());
        Services.AddSingleton(H.Services.GetRequiredService<ProgressFeed<RunQuietChange>>());
        Services.AddSingleton(H.Services.GetRequiredService<ProgressFeed<RunRemovalProgress>>());
        Services.AddSingleton(H.Services.GetRequiredService<RunRemovals>());
        Services.AddSingleton(H.Services.GetRequiredService<ProgressFeed<RunCheckProgress>>());
        Services.AddSingleton(H.Services.GetRequiredService<RunChecks>());
        Services.AddSingleton(H.Services.GetRequiredService<SiteCatalog>());
        Services.AddSingleton(H.Services.GetRequiredService<SitePreflight>());
        Services.AddSingleton(H.Services.GetRequiredService<MappingProfileStore>());
        Services.AddSingleton(H.Services.GetRequiredService<UploadStore>());
        Services.AddSingleton(H.Services.GetRequiredService<ImportPortal.Persistence.AuditTrail>());
        Services.AddSingleton(H.Services.GetRequiredService<ImportPortal.Persistence.DataFolderSpace>());
        var auth = Auth = AddAuthorization();
        auth.SetAuthorized("van.hanh@haravan.example");
        auth.SetRoles(PortalRoles.Operator);
        auth.SetPolicies(PortalRoles.OperatorPolicy);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>The signed-in user becomes an Admin (before rendering).</summary>
    protected void SignInAsAdmin()
    {
        Auth.SetRoles(PortalRoles.Admin);
        Auth.SetPolicies(PortalRoles.AdminPolicy, PortalRoles.OperatorPolicy);
    }

    /// <summary>The run's refused ticket gets a new subject by hand, as an operator fixes it from the error list; returns it as it was.</summary>
    protected async Task<ImportRecord> EditRefusedTicketAsync(Guid runId, string actor)
    {
        var refused = (await H.RecordsAsync(runId)).Single(r => r.State == RecordState.Failed && r.Stage == RunStage.Tickets);
        var body = RecordPayloadJson.Read(refused.PayloadJson).Insert;
        body["subject"] = "Phiếu đã sửa tiêu đề";
        Assert.True((await H.Runs.EditPayloadAsync(actor, refused.Id, body.ToJsonString(), CancellationToken.None)).Succeeded);
        return refused;
    }

    /// <summary>What a test class adds to the portal's services.</summary>
    protected virtual void ConfigurePortal(IServiceCollection services)
    {
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await H.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Imports 6 tickets and the refused one: the run ends CompletedWithErrors with one failed ticket.</summary>
    protected async Task<Guid> RunWithOneRefusedTicketAsync(RunOptions? options = null)
    {
        H.Simulator.Faults.Rejections.Add("HD Ticket", doc => doc["subject"]?.ToString()?.Contains(RefusedSubject, StringComparison.Ordinal) == true, RefusalMessage);
        var runId = await H.StartTicketRunAsync(RejectedTicketCsv.Create(6, RefusedSubject), options);
        await H.ExecuteAsync(runId);
        return runId;
    }
}
