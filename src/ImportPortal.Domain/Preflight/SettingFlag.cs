namespace ImportPortal.Domain.Preflight;

/// <summary>What <see cref="SettingFlagCheck"/> reads and says: the HD Settings field, the severity when it is on, and the keys.</summary>
internal sealed record SettingFlag(
    string CheckId,
    string Field,
    PreflightSeverity WhenOn,
    string OnKey,
    string OffKey,
    string AbsentKey,
    string AdviceKey,
    string? ArgField = null);
