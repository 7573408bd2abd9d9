using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Security;

/// <summary>
/// Creates and administers portal users. Each call works in its own DI scope, so a long-lived Blazor circuit
/// never holds a stale Identity context.
/// </summary>
public sealed class PortalAccounts(IServiceScopeFactory scopes, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _firstAdminGate = new(1, 1);

    public async Task EnsureRolesAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public async Task<bool> AnyUserExistsAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Users.AnyAsync();
    }

    /// <summary>Creates the Admin named in configuration, unless that account already exists (its password is then left alone).</summary>
    public async Task EnsureConfiguredAdminAsync(string email, string password)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var result = await CreateAsync(scope, email, displayName: null, password, PortalRoles.Admin, actor: "configuration");
        if (!result.Succeeded)
        {
            var reasons = string.Join("; ", result.Errors.Select(e => e.Fallback ?? e.Key));
            throw new InvalidOperationException($"The Admin from Portal:AdminEmail could not be created: {reasons}");
        }
    }

    /// <summary>The one-time setup: creates the first Admin, and refuses once any user exists.</summary>
    public async Task<AccountResult> CreateFirstAdminAsync(string email, string password)
    {
        await _firstAdminGate.WaitAsync();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Users.AnyAsync())
            {
                return AccountResult.Fail("Setup.AlreadyDone");
            }

            return await CreateAsync(scope, email, displayName: null, password, PortalRoles.Admin, actor: email);
        }
        finally
        {
            _firstAdminGate.Release();
        }
    }

    public async Task<AccountResult> InviteAsync(string actor, string email, string? displayName, string password, string role)
    {
        if (!PortalRoles.All.Contains(role))
        {
            return AccountResult.Fail("Users.UnknownRole");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return AccountResult.Fail("Users.EmailTaken");
        }

        return await CreateAsync(scope, email, displayName, password, role, actor);
    }

    public async Task<(IReadOnlyList<UserSummary> Rows, int Total)> ListAsync(int skip, int take, string? search, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            // SQLite's LIKE ignores ASCII case, which covers e-mail addresses.
            var pattern = "%" + search.Trim().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%";
            query = query.Where(u => EF.Functions.Like(u.Email!, pattern) || (u.DisplayName != null && EF.Functions.Like(u.DisplayName, pattern)));
        }

        var total = await query.CountAsync(ct);
        var page = await query
            .OrderBy(u => u.NormalizedEmail)
            .Skip(skip)
            .Take(take)
            .Select(u => new
            {
                User = u,
                Role = (from ur in db.UserRoles
                        join r in db.Roles on ur.RoleId equals r.Id
                        where ur.UserId == u.Id
                        select r.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);

        var now = time.GetUtcNow();
        var rows = page.Select(p => new UserSummary(
            p.User.Id,
            p.User.Email ?? "",
            p.User.DisplayName,
            p.Role ?? PortalRoles.Viewer,
            p.User.IsDisabled,
            p.User.LockoutEnd > now,
            p.User.CreatedAt)).ToList();
        return (rows, total);
    }

    public Task<AccountResult> ChangeRoleAsync(string actor, string userId, string role) =>
        ChangeUserAsync(actor, userId, "user.role-changed", role, async (users, user) =>
        {
            if (!PortalRoles.All.Contains(role))
            {
                return AccountResult.Fail("Users.UnknownRole");
            }

            if (role != PortalRoles.Admin && await IsLastEnabledAdminAsync(users, user))
            {
                return AccountResult.Fail("Users.LastAdmin");
            }

            var current = await users.GetRolesAsync(user);
            var removed = await users.RemoveFromRolesAsync(user, current);
            if (!removed.Succeeded)
            {
                return FromIdentity(removed);
            }

            var added = FromIdentity(await users.AddToRoleAsync(user, role));
            if (added.Succeeded)
            {
                // The role lives in the sign-in cookie: a new stamp makes the user's sessions pick it up.
                await users.UpdateSecurityStampAsync(user);
            }

            return added;
        });

    public Task<AccountResult> SetDisabledAsync(string actor, string userId, bool disabled) =>
        ChangeUserAsync(actor, userId, disabled ? "user.disabled" : "user.enabled", null, async (users, user) =>
        {
            if (disabled && await IsLastEnabledAdminAsync(users, user))
            {
                return AccountResult.Fail("Users.LastAdmin");
            }

            user.IsDisabled = disabled;
            var result = FromIdentity(await users.UpdateAsync(user));
            if (result.Succeeded)
            {
                await users.UpdateSecurityStampAsync(user);
            }

            return result;
        });

    public Task<AccountResult> UnlockAsync(string actor, string userId) =>
        ChangeUserAsync(actor, userId, "user.unlocked", null, async (users, user) =>
        {
            await users.ResetAccessFailedCountAsync(user);
            return FromIdentity(await users.SetLockoutEndDateAsync(user, null));
        });

    private async Task<AccountResult> ChangeUserAsync(
        string actor, string userId, string action, string? role, Func<UserManager<PortalUser>, PortalUser, Task<AccountResult>> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return AccountResult.Fail("Users.NotFound");
        }

        var result = await change(users, user);
        if (result.Succeeded)
        {
            await AuditAsync(scope, actor, action, user.Email ?? userId, role);
        }

        return result;
    }

    private async Task<AccountResult> CreateAsync(AsyncServiceScope scope, string email, string? displayName, string password, string role, string actor)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        var created = FromIdentity(await users.CreateAsync(user, password));
        if (!created.Succeeded)
        {
            return created;
        }

        var roled = FromIdentity(await users.AddToRoleAsync(user, role));
        if (roled.Succeeded)
        {
            await AuditAsync(scope, actor, "user.created", email, role);
        }

        return roled;
    }

    private static async Task<bool> IsLastEnabledAdminAsync(UserManager<PortalUser> users, PortalUser user)
    {
        if (user.IsDisabled || !await users.IsInRoleAsync(user, PortalRoles.Admin))
        {
            return false;
        }

        var admins = await users.GetUsersInRoleAsync(PortalRoles.Admin);
        return admins.Count(a => !a.IsDisabled) <= 1;
    }

    // The role a user was given, if the action gives one, named in the reader's language.
    private static async Task AuditAsync(AsyncServiceScope scope, string actor, string action, string subject, string? role)
    {
        scope.ServiceProvider.GetRequiredService<AuditLog>().Record(actor, action, subject,
            role is null ? [] : [new PortalText(AuditTexts.Role, [AuditTexts.RoleTerm(role)])]);
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
    }

    private static AccountResult FromIdentity(IdentityResult result) =>
        result.Succeeded
            ? AccountResult.Ok
            : new AccountResult(false, result.Errors.Select(e => new AccountError("Identity." + e.Code, e.Description)).ToList());

    public void Dispose() => _firstAdminGate.Dispose();
}
