using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A note of a generated ticket: public ones become Communications (Received when incoming), private ones HD Ticket Comments.</summary>
public sealed record ExportNote(long Id, string Body, bool Private, bool Incoming, long UserId, DateTimeOffset CreatedAt)
{
    /// <summary>The files that came with the note (written to the export only when it has somewhere to link them to).</summary>
    public IReadOnlyList<ExportAttachment> Attachments { get; init; } = [];
}

/// <summary>A file of a generated ticket or note; its bytes are <see cref="AttachmentOrigin.ContentOf"/> its id.</summary>
public sealed record ExportAttachment(long Id, string FileName);
