namespace ImportPortal.Domain.Mapping;

/// <summary>A value that must exist as a document of <see cref="Doctype"/> on the site (a priority, a ticket type, a user).</summary>
public sealed record LinkCheck(string Doctype, string Value);
