namespace ImportPortal.Domain.Migration;

/// <summary>
/// A record's failure as the error list shows it: kind, HTTP status, Frappe's exception type and message. A failure
/// the portal words itself also carries its <see cref="Text"/>, shown in the reader's language; <see cref="Message"/>
/// is then its English.
/// </summary>
public sealed record RecordError(RecordErrorKind Kind, string Message, int? HttpStatus = null, string? ExcType = null)
{
    /// <summary>The portal's own sentence, or null when the message is the site's (or was stored before sentences were kept).</summary>
    public PortalText? Text { get; init; }

    /// <summary>What a record the operator skipped is to the records that refer to it.</summary>
    public static RecordError Skipped { get; } = Portal(RecordErrorKind.Dependency, new PortalText(RecordTexts.Skipped));

    /// <summary>What a record not sent yet is to the records that refer to it.</summary>
    public static RecordError NotYet { get; } = Portal(RecordErrorKind.Dependency, new PortalText(RecordTexts.NotYet));

    /// <summary>A failure in the portal's own words.</summary>
    public static RecordError Portal(RecordErrorKind kind, PortalText text, int? httpStatus = null, string? excType = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new RecordError(kind, text.English, httpStatus, excType) { Text = text };
    }
}
