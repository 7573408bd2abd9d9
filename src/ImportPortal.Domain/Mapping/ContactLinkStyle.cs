namespace ImportPortal.Domain.Mapping;

/// <summary>
/// How a contact joins its organisation: Contact <c>links</c> rows (Helpdesk up to 1.27, ERPNext), or HD Customer
/// <c>contacts</c> rows (Helpdesk 1.28+), added to the organisation after the contact exists.
/// </summary>
public enum ContactLinkStyle
{
    ContactLinks,
    CustomerMembers,
}
