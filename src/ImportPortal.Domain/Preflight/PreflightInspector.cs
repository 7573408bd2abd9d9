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

            var line = await RunOneAsync(check, ct);
            refused = line.MessageKey is PreflightKeys.UserRefused or PreflightKeys.UserRedirected or PreflightKeys.UserUnreachable or PreflightKeys.UserCertificate;
            lines.Add(line);
        }

        return new PreflightReport(time.GetUtcNow(), lines);
    }

    private async Task<PreflightLine> RunOneAsync(IPreflightCheck check, CancellationToken ct)
    {
        try
        {
            return await check.RunAsync(site, ct);
        }
        catch (FrappeException ex) when (check.Id == PreflightCheckIds.User && ex.Error.Kind == FrappeErrorKind.AuthOrPermission)
        {
            return new(check.Id, PreflightSeverity.Red, PreflightKeys.UserRefused, [ex.Error.Summary], PreflightKeys.UserCheckKey, ErrorFacts(ex.Error));
        }
        catch (FrappeException ex) when (check.Id == PreflightCheckIds.User && ex.Error.IsRedirect)
        {
            return new(check.Id, PreflightSeverity.Red, PreflightKeys.UserRedirected, [ex.Error.Summary], PreflightKeys.UserUseAddress, ErrorFacts(ex.Error));
        }
        catch (FrappeException ex) when (check.Id == PreflightCheckIds.User && ex.Error.Cause == FrappeError.CertificateCause)
        {
            return new(check.Id, PreflightSeverity.Red, PreflightKeys.UserCertificate, [ex.Error.Summary], PreflightKeys.UserTrustCertificate, ErrorFacts(ex.Error));
        }
        catch (FrappeException ex) when (check.Id == PreflightCheckIds.User && ex.Error.IsUnanswered)
        {
            return new(check.Id, PreflightSeverity.Red, PreflightKeys.UserUnreachable, [ex.Error.Summary], PreflightKeys.UserCheckAddress, ErrorFacts(ex.Error));
        }
        catch (FrappeException ex)
        {
            return CouldNotCheck(check.Id, ex.Error.Summary, ErrorFacts(ex.Error));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // An answer of an unexpected shape: report it on this line and carry on with the others.
            return CouldNotCheck(check.Id, ex.Message, new JsonObject { ["exception"] = ex.GetType().Name });
        }
    }

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
