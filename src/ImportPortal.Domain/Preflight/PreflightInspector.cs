using System.Text.Json;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Preflight;

/// <summary>
/// Reads a site before an import and reports what would go wrong or surprise: one line per check, in sequence.
/// A check that fails is reported as "could not check" and the others still run; only a refused API key on the
/// first check (who am I), a redirect to another address, or no answer at all to it stops the rest, which are
/// reported as skipped: the operator reads one red line with what to fix, at once.
/// </summary>
public sealed class PreflightInspector(IFrappeSite site, TimeProvider time)
{
    private static readonly IReadOnlyList<IPreflightCheck> Checks =
    [
        new UserCheck(),
        new VersionsCheck(),
        new DocTypesCheck(),
        SettingFlagCheck.AckEmail,
        SettingFlagCheck.FeedbackEmail,
        SettingFlagCheck.AutoClose,
        new EmailQueueCheck(),
        new AssignmentRulesCheck(),
        new NotificationRulesCheck(),
        new SlaCheck(),
        new ReferenceDataCheck(),
        new ExternalIdCheck(),
    ];

    public async Task<PreflightReport> RunAsync(CancellationToken ct)
    {
        var lines = new List<PreflightLine>(Checks.Count);
        var refused = false;
        foreach (var check in Checks)
        {
            ct.ThrowIfCancellationRequested();
            if (refused)
            {
                lines.Add(Skipped(check.Id));
                continue;
            }

            var (line, stopsTheRest) = await RunOneAsync(check, ct);
            refused = stopsTheRest;
            lines.Add(line);
        }

        return new PreflightReport(time.GetUtcNow(), lines);
    }

    private async Task<(PreflightLine Line, bool StopsTheRest)> RunOneAsync(IPreflightCheck check, CancellationToken ct)
    {
        try
        {
            return (await check.RunAsync(site, ct), false);
        }
        catch (FrappeException ex) when (check.Id == PreflightCheckIds.User && Unusable(ex.Error) is { } reason)
        {
            return (new(check.Id, PreflightSeverity.Red, reason.Message, [ex.Error.Summary], reason.Advice, ErrorFacts(ex.Error)), true);
        }
        catch (FrappeException ex)
        {
            return (CouldNotCheck(check.Id, ex.Error.Summary, ErrorFacts(ex.Error)), false);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // An answer of an unexpected shape: report it on this line and carry on with the others.
            return (CouldNotCheck(check.Id, ex.Message, new JsonObject { ["exception"] = ex.GetType().Name }), false);
        }
    }

    /// <summary>Why the first check's failure makes every other check pointless, with what to do; null when the others may still answer.</summary>
    private static (string Message, string Advice)? Unusable(FrappeError error) => error switch
    {
        { Kind: FrappeErrorKind.AuthOrPermission } => (PreflightKeys.UserRefused, PreflightKeys.UserCheckKey),
        { IsRedirect: true } => (PreflightKeys.UserRedirected, PreflightKeys.UserUseAddress),
        { Cause: FrappeError.CertificateCause } => (PreflightKeys.UserCertificate, PreflightKeys.UserTrustCertificate),
        { IsUnanswered: true } => (PreflightKeys.UserUnreachable, PreflightKeys.UserCheckAddress),
        _ => null,
    };

    private static PreflightLine CouldNotCheck(string checkId, string reason, JsonObject facts) =>
        new(checkId, PreflightSeverity.Amber, PreflightKeys.CouldNotCheck, [reason], PreflightKeys.CouldNotCheckAdvice, facts);

    private static PreflightLine Skipped(string checkId) =>
        new(checkId, PreflightSeverity.Amber, PreflightKeys.Skipped, [], PreflightKeys.SkippedAdvice, []);

    private static JsonObject ErrorFacts(FrappeError error) => new()
    {
        ["error_kind"] = error.Kind.ToString(),
        ["http_status"] = error.HttpStatus,
        ["exc_type"] = error.ExcType,
        ["messages"] = PreflightJson.Array(error.Messages),
    };
}
