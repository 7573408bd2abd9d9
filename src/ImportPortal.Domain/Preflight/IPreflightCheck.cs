using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Preflight;

/// <summary>One preflight check: reads the site and reports one line. A <see cref="FrappeException"/> is reported by the inspector.</summary>
internal interface IPreflightCheck
{
    string Id { get; }

    Task<PreflightLine> RunAsync(IFrappeSite site, CancellationToken ct);
}
