namespace ImportPortal.Domain.Frappe;

/// <summary>An app installed on a Frappe site (frappe, helpdesk, erpnext...), with its version.</summary>
public sealed record AppVersion(string App, string Title, string Version);
