namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A user of the generated account export: a customer becomes a Contact (linked to its company); an agent does not.</summary>
public sealed record ExportUser(long Id, string Name, string Email, long? CompanyId, bool Agent)
{
    /// <summary>The office number Freshdesk keeps as <c>phone</c>.</summary>
    public string? Phone { get; init; }

    /// <summary>The mobile number (<c>mobile</c>): how most Vietnamese customers are reached.</summary>
    public string? Mobile { get; init; }

    /// <summary>
    /// Who the portal takes the contact to be: the e-mail, or for a customer who called or wrote without one, the
    /// phone, then the mobile number, and for one with neither (a Facebook account), their id (the presets' contact key).
    /// </summary>
    public string Key => Email.Length > 0 ? Email : Phone ?? Mobile ?? Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether Freshdesk knows this customer without an e-mail (a hotline caller, a Facebook or Zalo chat).</summary>
    public bool WithoutEmail => Email.Length == 0;

    /// <summary>Whether Freshdesk knows this customer by neither e-mail nor number: their contact is their name alone.</summary>
    public bool WithoutAddress => WithoutEmail && Phone is null && Mobile is null;
}
