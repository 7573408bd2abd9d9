using ImportPortal.Tests.E2E.Infrastructure;
using Microsoft.Playwright;

namespace ImportPortal.Tests.E2E.Shell;

/// <summary>What an Admin does on the Users page, as steps the tests share.</summary>
internal static class UserAdministrationSteps
{
    public static async Task InviteAsync(PortalPage admin, string email, string password, string roleLabel)
    {
        await admin.GotoAsync("users");
        await admin.WaitForCircuitAsync();
        await admin.Page.GetByTestId("users-invite").ClickAsync();
        // MudBlazor puts a text field's data-testid on its <input>.
        await admin.Page.GetByTestId("invite-email").FillAsync(email);
        await admin.Page.GetByTestId("invite-password").FillAsync(password);
        await admin.Page.Locator(".mud-dialog div.mud-select").First.ClickAsync();
        await admin.Page.Locator(".mud-popover-open .mud-list-item").GetByText(roleLabel, new() { Exact = true }).ClickAsync();
        await admin.Page.GetByTestId("invite-submit").ClickAsync();
        await Assertions.Expect(admin.Page.GetByTestId("invite-error")).ToHaveCountAsync(0);
        await Assertions.Expect(admin.Page.GetByTestId("users-table")).ToContainTextAsync(email);
    }
}
