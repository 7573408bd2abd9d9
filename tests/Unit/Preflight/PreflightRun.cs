using ImportPortal.Domain.Preflight;
using Microsoft.Extensions.Time.Testing;

namespace ImportPortal.Tests.Unit.Preflight;

/// <summary>Runs the inspector on a fake site at a fixed time.</summary>
internal static class PreflightRun
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    public static Task<PreflightReport> OnAsync(FakeFrappeSite site) =>
        new PreflightInspector(site, new FakeTimeProvider(Now)).RunAsync(TestContext.Current.CancellationToken);

    public static async Task<PreflightLine> LineAsync(FakeFrappeSite site, string checkId) =>
        (await OnAsync(site)).Line(checkId) ?? throw new InvalidOperationException($"no line for {checkId}");
}
