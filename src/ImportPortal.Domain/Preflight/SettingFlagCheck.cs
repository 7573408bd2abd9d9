using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Preflight;

/// <summary>
/// One Check field of the HD Settings single whose "on" value makes an import send mail or change data.
/// A field the site's Helpdesk version does not have is Green: that version has no such behaviour.
/// </summary>
internal sealed class SettingFlagCheck(SettingFlag flag) : IPreflightCheck
{
    public const string Settings = "HD Settings";

    public static SettingFlagCheck AckEmail { get; } = new(new(
        PreflightCheckIds.AckEmail, "send_acknowledgement_email", PreflightSeverity.Red,
        PreflightKeys.AckEmailOn, PreflightKeys.AckEmailOff, PreflightKeys.AckEmailNotInVersion, PreflightKeys.AckEmailTurnOff));

    public static SettingFlagCheck FeedbackEmail { get; } = new(new(
        PreflightCheckIds.FeedbackEmail, "enable_email_ticket_feedback", PreflightSeverity.Red,
        PreflightKeys.FeedbackEmailOn, PreflightKeys.FeedbackEmailOff, PreflightKeys.FeedbackEmailNotInVersion, PreflightKeys.FeedbackEmailTurnOff));

    public static SettingFlagCheck AutoClose { get; } = new(new(
        PreflightCheckIds.AutoClose, "auto_close_tickets", PreflightSeverity.Amber,
        PreflightKeys.AutoCloseOn, PreflightKeys.AutoCloseOff, PreflightKeys.AutoCloseNotInVersion, PreflightKeys.AutoCloseTurnOff,
        ArgField: "auto_close_after_days"));

    public string Id => flag.CheckId;

    public async Task<PreflightLine> RunAsync(IFrappeSite site, CancellationToken ct)
    {
        var settings = await site.GetAsync(Settings, Settings, ct)
            ?? throw new FrappeException(new FrappeError(FrappeErrorKind.NotFound, 404, "DoesNotExistError", [$"{Settings} not found"]));
        var facts = new JsonObject { [flag.Field] = PreflightJson.Copy(settings[flag.Field]) };
        if (flag.ArgField is not null)
        {
            facts[flag.ArgField] = PreflightJson.Copy(settings[flag.ArgField]);
        }

        switch (PreflightJson.Flag(settings, flag.Field))
        {
            case true:
                string[] args = flag.ArgField is null ? [] : [PreflightJson.Text(settings, flag.ArgField) ?? "?"];
                return new(Id, flag.WhenOn, flag.OnKey, args, flag.AdviceKey, facts);
            case false:
                return new(Id, PreflightSeverity.Green, flag.OffKey, [], null, facts);
            default:
                // Absent: either this version has no such setting, or it was never stored (then Frappe's default 0 applies).
                var meta = await site.GetMetaAsync(Settings, ct);
                var known = meta.HasField(flag.Field);
                facts["field_exists"] = known;
                return new(Id, PreflightSeverity.Green, known ? flag.OffKey : flag.AbsentKey, [], null, facts);
        }
    }
}
