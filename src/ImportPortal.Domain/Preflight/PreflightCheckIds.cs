namespace ImportPortal.Domain.Preflight;

/// <summary>The ids of the preflight checks, in the order the inspector runs them.</summary>
public static class PreflightCheckIds
{
    public const string User = "user";
    public const string Versions = "versions";
    public const string DocTypes = "doctypes";
    public const string AckEmail = "ack-email";
    public const string FeedbackEmail = "feedback-email";
    public const string AutoClose = "auto-close";
    public const string EmailQueue = "email-queue";
    public const string AssignmentRules = "assignment-rules";
    public const string NotificationRules = "notification-rules";
    public const string Sla = "sla";
    public const string ReferenceData = "reference-data";
    public const string ExternalId = "external-id";

    public static IReadOnlyList<string> All { get; } =
    [
        User, Versions, DocTypes, AckEmail, FeedbackEmail, AutoClose, EmailQueue,
        AssignmentRules, NotificationRules, Sla, ReferenceData, ExternalId,
    ];
}
