using System.Reflection;

namespace ImportPortal.Domain.Preflight;

/// <summary>
/// Every message and advice key the preflight emits (texts in PreflightResource, English and Vietnamese).
/// Messages and advice are formatted with the line's MessageArgs.
/// </summary>
public static class PreflightKeys
{
    public const string CouldNotCheck = "Preflight.CouldNotCheck";
    public const string CouldNotCheckAdvice = "Preflight.CouldNotCheck.Advice";
    public const string Skipped = "Preflight.Skipped";
    public const string SkippedAdvice = "Preflight.Skipped.Advice";

    public const string UserAdministrator = "Preflight.user.Administrator";
    public const string UserSystemManager = "Preflight.user.SystemManager";
    public const string UserMissingRoles = "Preflight.user.MissingRoles";
    public const string UserRolesUnreadable = "Preflight.user.RolesUnreadable";
    public const string UserGiveRoles = "Preflight.user.GiveRoles";
    public const string UserRefused = "Preflight.user.Refused";
    public const string UserCheckKey = "Preflight.user.CheckKey";
    public const string UserRedirected = "Preflight.user.Redirected";
    public const string UserUseAddress = "Preflight.user.UseAddress";
    public const string UserUnreachable = "Preflight.user.Unreachable";
    public const string UserCheckAddress = "Preflight.user.CheckAddress";
    public const string UserCertificate = "Preflight.user.Certificate";
    public const string UserTrustCertificate = "Preflight.user.TrustCertificate";

    public const string VersionsFound = "Preflight.versions.Found";
    public const string VersionsFoundWithErpnext = "Preflight.versions.FoundWithErpnext";
    public const string VersionsNoHelpdesk = "Preflight.versions.NoHelpdesk";
    public const string VersionsInstallHelpdesk = "Preflight.versions.InstallHelpdesk";
    public const string VersionsOldFrappe = "Preflight.versions.OldFrappe";
    public const string VersionsUpgrade = "Preflight.versions.Upgrade";

    public const string DocTypesAllPresent = "Preflight.doctypes.AllPresent";
    public const string DocTypesNoErpnext = "Preflight.doctypes.NoErpnext";
    public const string DocTypesMissing = "Preflight.doctypes.Missing";
    public const string DocTypesInstall = "Preflight.doctypes.Install";

    public const string AckEmailOn = "Preflight.ack-email.On";
    public const string AckEmailOff = "Preflight.ack-email.Off";
    public const string AckEmailNotInVersion = "Preflight.ack-email.NotInVersion";
    public const string AckEmailTurnOff = "Preflight.ack-email.TurnOff";

    public const string FeedbackEmailOn = "Preflight.feedback-email.On";
    public const string FeedbackEmailOff = "Preflight.feedback-email.Off";
    public const string FeedbackEmailNotInVersion = "Preflight.feedback-email.NotInVersion";
    public const string FeedbackEmailTurnOff = "Preflight.feedback-email.TurnOff";

    public const string AutoCloseOn = "Preflight.auto-close.On";
    public const string AutoCloseOff = "Preflight.auto-close.Off";
    public const string AutoCloseNotInVersion = "Preflight.auto-close.NotInVersion";
    public const string AutoCloseTurnOff = "Preflight.auto-close.TurnOff";

    public const string EmailQueueEmpty = "Preflight.email-queue.Empty";
    public const string EmailQueuePending = "Preflight.email-queue.Pending";
    public const string EmailQueueReview = "Preflight.email-queue.Review";

    public const string AssignmentRulesNone = "Preflight.assignment-rules.None";
    public const string AssignmentRulesEnabled = "Preflight.assignment-rules.Enabled";
    public const string AssignmentRulesDisable = "Preflight.assignment-rules.Disable";

    public const string NotificationRulesNone = "Preflight.notification-rules.None";
    public const string NotificationRulesEnabled = "Preflight.notification-rules.Enabled";
    public const string NotificationRulesDisable = "Preflight.notification-rules.Disable";

    public const string SlaCoversAll = "Preflight.sla.CoversAll";
    public const string SlaNoDefault = "Preflight.sla.NoDefault";
    public const string SlaCreateDefault = "Preflight.sla.CreateDefault";
    public const string SlaMissingPriorities = "Preflight.sla.MissingPriorities";
    public const string SlaAddPriorities = "Preflight.sla.AddPriorities";

    public const string ReferenceDataFound = "Preflight.reference-data.Found";

    public const string ExternalIdAllPresent = "Preflight.external-id.AllPresent";
    public const string ExternalIdMissing = "Preflight.external-id.Missing";
    public const string ExternalIdCreate = "Preflight.external-id.Create";

    /// <summary>Every message and advice key above.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(PreflightKeys)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    /// <summary>The title of a check: <c>Preflight.{checkId}.Title</c>.</summary>
    public static string Title(string checkId) => $"Preflight.{checkId}.Title";
}
