using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using MudBlazor;

namespace ImportPortal.Localization;

internal static class LocalizationExtensions
{
    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddTransient<MudLocalizer, PortalMudLocalizer>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(PortalCultures.English);
            options.SupportedCultures = [.. PortalCultures.Supported];
            options.SupportedUICultures = [.. PortalCultures.Supported];
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            // The cookie (the operator's own choice) wins over the browser's Accept-Language.
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static IApplicationBuilder UsePortalLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();

    public static IEndpointRouteBuilder MapPortalLocalizationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The language is applied to a Blazor circuit when it starts, so switching goes through a request that sets the cookie and reloads.
        endpoints.MapGet("/culture/set", (HttpContext http, [FromQuery] string culture, [FromQuery] string? redirectUri) =>
        {
            if (PortalCultures.IsSupported(culture))
            {
                http.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            }

            return TypedResults.LocalRedirect(IsLocal(redirectUri) ? redirectUri! : "~/");
        }).AllowAnonymous();
        return endpoints;
    }

    private static bool IsLocal(string? uri) =>
        !string.IsNullOrEmpty(uri) && uri.StartsWith('/') && !uri.StartsWith("//", StringComparison.Ordinal) && !uri.StartsWith("/\\", StringComparison.Ordinal);
}
