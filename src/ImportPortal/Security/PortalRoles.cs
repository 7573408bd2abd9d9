namespace ImportPortal.Security;

/// <summary>The three roles: Admins manage sites and users, Operators run imports, Viewers look.</summary>
public static class PortalRoles
{
    public const string Admin = "Admin";
    public const string Operator = "Operator";
    public const string Viewer = "Viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, Viewer];

    /// <summary>Policy names used with [Authorize(Policy = ...)].</summary>
    public const string AdminPolicy = "AdminOnly";
    public const string OperatorPolicy = "OperatorOrAdmin";
}
