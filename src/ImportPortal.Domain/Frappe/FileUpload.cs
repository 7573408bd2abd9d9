namespace ImportPortal.Domain.Frappe;

/// <summary>A file for <c>upload_file</c>, attached to a document; <see cref="Content"/> is read from where it stands.</summary>
public sealed record FileUpload(string FileName, Stream Content, string? ContentType, string AttachedToDoctype, string AttachedToName, bool IsPrivate);

/// <summary>A File on the site: its name, and where the site serves its bytes (<c>/private/files/…</c>).</summary>
public sealed record FrappeFile(string Name, string? FileUrl);
