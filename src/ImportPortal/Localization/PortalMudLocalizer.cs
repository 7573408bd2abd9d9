using ImportPortal.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace ImportPortal.Localization;

/// <summary>Gives MudBlazor's own texts (pager, dialogs) from our resources, so they follow the chosen language too.</summary>
internal sealed class PortalMudLocalizer(IStringLocalizer<SharedResource> strings) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var ours = strings["Mud." + key];
            return ours.ResourceNotFound ? base[key] : new LocalizedString(key, ours.Value);
        }
    }
}
