namespace ImportPortal.Domain.Frappe;

/// <summary>A file for <c>upload_file</c>, attached to a document; <see cref="Content"/> is read from where it stands.</summary>
public sealed record FileUpload(string FileName, Stream Content, string? ContentType, string AttachedToDoctype, string AttachedToName, bool IsPrivate);
