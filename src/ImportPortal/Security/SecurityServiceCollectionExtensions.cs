using ImportPortal.Persistence;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ImportPortal.Security;

internal static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddPortalSecurity(this IServiceCollection services, PortalOptions portal)
    {
        // Keys live in the data folder so sign-in cookies and protected API secrets survive a restart.
        services.AddDataProtection()
            .SetApplicationName("ImportPortal")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(portal.DataDirFullPath, "keys")));

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddHttpContextAccessor();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<PortalUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = 8;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddDefaultTokenProviders();
        services.AddSingleton<IConfigureOptions<IdentityOptions>, LockoutFromPortalOptions>();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "ImportPortal.Auth";
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
        });
        // A disabled user or a changed role reaches open sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PortalRoles.AdminPolicy, p => p.RequireRole(PortalRoles.Admin))
            .AddPolicy(PortalRoles.OperatorPolicy, p => p.RequireRole(PortalRoles.Admin, PortalRoles.Operator));

        services.AddSingleton<PortalAccounts>();
        services.AddSingleton<FirstRunState>();
        return services;
    }
}
