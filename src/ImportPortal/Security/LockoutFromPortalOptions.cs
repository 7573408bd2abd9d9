using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ImportPortal.Security;

/// <summary>Takes the lock-out count and duration from the portal's own settings.</summary>
internal sealed class LockoutFromPortalOptions(IOptions<PortalOptions> portal) : IConfigureOptions<IdentityOptions>
{
    public void Configure(IdentityOptions options)
    {
        options.Lockout.MaxFailedAccessAttempts = Math.Max(1, portal.Value.MaxFailedSignIns);
        options.Lockout.DefaultLockoutTimeSpan = portal.Value.LockoutDuration;
    }
}
