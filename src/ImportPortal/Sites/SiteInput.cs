namespace ImportPortal.Sites;

/// <summary>The add/edit form. An empty <see cref="ApiSecret"/> on edit keeps the stored secret.</summary>
public sealed class SiteInput
{
    public string Name { get; set; } = "";

    public string BaseUrl { get; set; } = "";

    public string ApiKey { get; set; } = "";

    public string ApiSecret { get; set; } = "";
}
