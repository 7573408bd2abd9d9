namespace ImportPortal.Components.Layout;

/// <summary>The light/dark choice remembered in the browser, as it was when the page was requested.</summary>
public sealed record InitialTheme(bool Dark);
