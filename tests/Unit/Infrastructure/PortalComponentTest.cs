using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ImportPortal.Tests.Unit.Infrastructure;

/// <summary>A bUnit context with MudBlazor, the portal's localization, and a chosen UI language.</summary>
public abstract class PortalComponentTest : BunitContext
{
    protected PortalComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
    }

    /// <summary>Sets the UI language for this test the way the request-localization middleware does for a circuit.</summary>
    protected static void UseCulture(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }
}
