using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using ImportPortal.Security;
using ImportPortal.Tests.Unit.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Security;

/// <summary>User administration against a real SQLite file, wired as the portal wires it.</summary>
public sealed class PortalAccountsTests : IAsyncLifetime
{
    private const string Password = "Mật-Khẩu-2026";
    private PortalServices _portal = null!;

    private PortalAccounts Accounts => _portal.Get<PortalAccounts>();

    public async ValueTask InitializeAsync()
    {
        _portal = await PortalServices.StartAsync((services, portal) => services.AddPortalSecurity(portal));
        await Accounts.EnsureRolesAsync();
    }

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _portal.Provider.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<PortalUser> FindAsync(string email) =>
        InScopeAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!);

    [Fact]
    public async Task The_first_admin_is_created_once_and_setup_refuses_a_second()
    {
        var first = await Accounts.CreateFirstAdminAsync("admin@haravan.example", Password);
        var second = await Accounts.CreateFirstAdminAsync("intruder@example.com", Password);

        Assert.True(first.Succeeded);
        Assert.False(second.Succeeded);
        Assert.Equal("Setup.AlreadyDone", second.Errors.Single().Key);
        Assert.Null(await FindAsync("intruder@example.com"));
        var admin = await FindAsync("admin@haravan.example");
        Assert.True(await InScopeAsync(sp => sp.GetRequiredService<UserManager<PortalUser>>().IsInRoleAsync(admin, PortalRoles.Admin)));
    }

    [Fact]
    public async Task Two_simultaneous_setups_create_exactly_one_admin()
    {
        var results = await Task.WhenAll(
            Accounts.CreateFirstAdminAsync("a@haravan.example", Password),
            Accounts.CreateFirstAdminAsync("b@haravan.example", Password));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(1, await InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Users.CountAsync()));
    }

    [Fact]
    public async Task The_last_active_admin_can_be_neither_disabled_nor_demoted()
    {
        await Accounts.CreateFirstAdminAsync("admin@haravan.example", Password);
        var admin = await FindAsync("admin@haravan.example");

        var disable = await Accounts.SetDisabledAsync("admin@haravan.example", admin.Id, disabled: true);
        var demote = await Accounts.ChangeRoleAsync("admin@haravan.example", admin.Id, PortalRoles.Viewer);

        Assert.Equal("Users.LastAdmin", disable.Errors.Single().Key);
        Assert.Equal("Users.LastAdmin", demote.Errors.Single().Key);
        Assert.False((await FindAsync("admin@haravan.example")).IsDisabled);
    }

    [Fact]
    public async Task A_disabled_user_may_not_sign_in_and_the_change_is_audited()
    {
        await Accounts.CreateFirstAdminAsync("admin@haravan.example", Password);
        Assert.True((await Accounts.InviteAsync("admin@haravan.example", "pham.van.b@haravan.example", "Phạm Văn B", Password, PortalRoles.Operator)).Succeeded);
        var user = await FindAsync("pham.van.b@haravan.example");

        var result = await Accounts.SetDisabledAsync("admin@haravan.example", user.Id, disabled: true);

        Assert.True(result.Succeeded);
        var canSignIn = await InScopeAsync(async sp =>
            await sp.GetRequiredService<SignInManager<PortalUser>>().CanSignInAsync((await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(user.Id))!));
        Assert.False(canSignIn);
        var audit = await InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditEvents.Select(a => a.Action + " " + a.Subject).ToListAsync());
        Assert.Contains("user.disabled pham.van.b@haravan.example", audit);
        Assert.Contains("user.created pham.van.b@haravan.example", audit);
        // The role given is named in the reader's language; the English stays for the log.
        var invited = await InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditEvents.SingleAsync(a => a.Action == "user.created" && a.Subject == "pham.van.b@haravan.example"));
        Assert.Equal("role Operator", invited.Detail);
        Assert.Equal("vai trò Người vận hành", ImportPortal.Runs.PortalTexts.Render(PortalTextJson.Read(invited.DetailText)!, System.Globalization.CultureInfo.GetCultureInfo("vi")));
        Assert.Equal("role Operator", ImportPortal.Runs.PortalTexts.Render(PortalTextJson.Read(invited.DetailText)!, System.Globalization.CultureInfo.InvariantCulture));
        var disabled = await InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditEvents.SingleAsync(a => a.Action == "user.disabled"));
        Assert.Null(disabled.Detail);
    }

    [Fact]
    public async Task An_invite_is_refused_for_a_taken_email_an_unknown_role_or_a_weak_password()
    {
        await Accounts.CreateFirstAdminAsync("admin@haravan.example", Password);

        var taken = await Accounts.InviteAsync("admin", "ADMIN@haravan.example", null, Password, PortalRoles.Viewer);
        var role = await Accounts.InviteAsync("admin", "x@haravan.example", null, Password, "Superuser");
        var weak = await Accounts.InviteAsync("admin", "y@haravan.example", null, "đúng-mật-khẩu", PortalRoles.Viewer);

        Assert.Equal("Users.EmailTaken", taken.Errors.Single().Key);
        Assert.Equal("Users.UnknownRole", role.Errors.Single().Key);
        Assert.Contains(weak.Errors, e => e.Key == "Identity.PasswordRequiresUpper");
        Assert.Contains(weak.Errors, e => e.Key == "Identity.PasswordRequiresDigit");
    }

    [Fact]
    public async Task The_user_list_pages_and_searches_by_email_or_name()
    {
        await Accounts.CreateFirstAdminAsync("admin@haravan.example", Password);
        for (var i = 0; i < 12; i++)
        {
            await Accounts.InviteAsync("admin", $"nhan.vien{i:00}@haravan.example", $"Nhân viên {i:00}", Password, PortalRoles.Viewer);
        }

        var (page2, total) = await Accounts.ListAsync(skip: 10, take: 10, search: null, CancellationToken.None);
        var (found, foundTotal) = await Accounts.ListAsync(0, 10, "vien07", CancellationToken.None);

        Assert.Equal(13, total);
        Assert.Equal(3, page2.Count);
        Assert.Equal(1, foundTotal);
        Assert.Equal("Nhân viên 07", found.Single().DisplayName);
        Assert.Equal(PortalRoles.Viewer, found.Single().Role);
    }
}
