using Microsoft.Extensions.Options;

namespace ImportPortal.Security;

/// <summary>Knows whether the one-time setup page is still needed: no Admin configured and no user yet.</summary>
public sealed class FirstRunState(PortalAccounts accounts, IOptions<PortalOptions> options)
{
    private volatile bool _done = options.Value.HasConfiguredAdmin;

    public async ValueTask<bool> IsSetupNeededAsync()
    {
        if (_done)
        {
            return false;
        }

        _done = await accounts.AnyUserExistsAsync();
        return !_done;
    }
}
