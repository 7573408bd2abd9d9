namespace ImportPortal.Frappe;

/// <summary>Where a Frappe site is and how to sign in to it; travels with each request, never into a log.</summary>
public sealed record FrappeSiteConnection(Uri BaseUrl, string ApiKey, string ApiSecret)
{
    /// <summary>The request option under which <see cref="FrappeSiteHandler"/> finds the connection.</summary>
    public const string OptionKey = "ImportPortal.FrappeSite";

    // The secret must not appear when a connection is logged or shown in a debugger.
    public override string ToString() => $"{BaseUrl} (key {ApiKey})";
}
