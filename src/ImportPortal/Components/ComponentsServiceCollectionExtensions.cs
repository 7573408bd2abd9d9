using MudBlazor.Services;

namespace ImportPortal.Components;

internal static class ComponentsServiceCollectionExtensions
{
    public static IServiceCollection AddPortalUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        return services;
    }
}
