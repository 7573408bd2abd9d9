using ImportPortal;
using ImportPortal.Components;
using ImportPortal.Jobs;
using ImportPortal.Localization;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using ImportPortal.Security;
using ImportPortal.Uploads;

var builder = WebApplication.CreateBuilder(args);

// Serve library and wwwroot assets from a build (tests, benchmarks) in any environment; a published app has them in place.
builder.WebHost.UseStaticWebAssets();

var portal = builder.AddPortalOptions();
builder.Services.AddPersistence();
builder.Services.AddPortalSecurity(portal);
builder.Services.AddPortalLocalization();
builder.Services.AddImportMachinery(builder.Configuration);
builder.Services.AddPortalUi();
builder.Services.AddPortalHealthChecks();

var app = builder.Build();

await app.PreparePortalDataAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UsePortalLocalization();
app.UseAuthentication();
app.UseFirstRunSetup();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapPortalHealthChecks();
app.MapPortalAccountEndpoints();
app.MapPortalLocalizationEndpoints();
app.MapUploadEndpoints();
app.MapRunEndpoints();
app.MapAuditEndpoints();
app.MapJobsDashboard();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>Entry point, visible to the test hosts.</summary>
public partial class Program;
