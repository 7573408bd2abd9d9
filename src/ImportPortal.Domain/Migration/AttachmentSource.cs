using System.Text.Json.Nodes;
using ImportPortal.Domain.Mapping;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// Where a run may fetch attachments from, and how large one may be. The links come from an uploaded export, so the
/// portal fetches only from the hosts named here (a link to anywhere else could make it read an internal address and
/// hand what it got to the site).
/// </summary>
public sealed record AttachmentOptions
{
    /// <summary>Hosts, each with its subdomains: Freshdesk keeps attachments on its own domains and on Amazon S3.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = ["freshdesk.com", "freshworks.com", "freshdeskusercontent.com", "amazonaws.com"];

    /// <summary>The largest file fetched: Frappe's <c>max_file_size</c> is 25 MiB unless the site's config says otherwise.</summary>
    public long MaxBytes { get; init; } = 25L * 1024 * 1024;

    /// <summary>How long one file may take to arrive.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    public bool Allows(Uri link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var host = link.IdnHost.TrimEnd('.');
        return link.Scheme is "https" or "http"
            && Hosts.Any(h => host.Equals(h, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>What is wrong with a link before anything is fetched, or null when it may be fetched.</summary>
    public RecordError? Check(string? link)
    {
        if (string.IsNullOrWhiteSpace(link) || !Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri))
        {
            return RecordError.Portal(RecordErrorKind.Data, string.IsNullOrWhiteSpace(link)
                ? new PortalText(RecordTexts.AttachmentNoLink)
                : new PortalText(RecordTexts.AttachmentNotALink, Shown(link)));
        }

        return Allows(uri) ? null : RecordError.Portal(RecordErrorKind.Data, new PortalText(RecordTexts.AttachmentHostNotAllowed, uri.IdnHost, string.Join(", ", Hosts)));
    }

    /// <summary>
    /// What the validation and the preview pin to a file's link before the run: none, no link to fetch, or a host files
    /// are not fetched from (with the hosts they are).
    /// </summary>
    public FieldProblem? LinkProblem(MappedEntity file)
    {
        ArgumentNullException.ThrowIfNull(file);
        const string field = "file_url";
        var link = file.InsertBody[field] is JsonValue value ? value.ToString() : null;
        if (string.IsNullOrWhiteSpace(link) || !Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return new FieldProblem(field, MappingProblemCodes.AttachmentWithoutLink, [field], MappingSeverity.Error);
        }

        return Allows(uri) ? null : new FieldProblem(field, MappingProblemCodes.AttachmentHostNotAllowed, [field, uri.IdnHost, string.Join(", ", Hosts)], MappingSeverity.Error);
    }

    /// <summary>The last part of a link's path, unescaped ("" when it has none: a bare host).</summary>
    public static string LastSegment(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (!Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri))
        {
            return "";
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        return Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
    }

    /// <summary>The link as it may be shown and logged: without its query, which on a signed link is a credential.</summary>
    public static string Shown(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var text = link.Trim();
        var query = text.IndexOfAny(['?', '#']);
        return query < 0 ? text : text[..query];
    }
}

/// <summary>
/// Fetches an attachment from its link, only where <see cref="Options"/> allows, never larger than it allows. A refusal by
/// the file's host that asking again will not change (an expired or missing link) is a data error, a busy or unreachable
/// host a transient one (<see cref="AttachmentFetchException"/>).
/// </summary>
public interface IAttachmentSource
{
    AttachmentOptions Options { get; }

    Task<FetchedFile> FetchAsync(string link, CancellationToken ct);

    /// <summary>Whether the link gives its file, without fetching it: null when it does, else the error a fetch would end with.</summary>
    Task<RecordError?> ProbeAsync(string link, CancellationToken ct);
}

/// <summary>What stopped a file from being fetched, as the record's error.</summary>
public sealed class AttachmentFetchException(RecordError error, Exception? inner = null) : Exception(error.Message, inner)
{
    public RecordError Error { get; } = error;

    public bool IsTransient => Error.Kind == RecordErrorKind.Transient;
}

/// <summary>A fetched file, kept in a temporary file deleted on disposal; <see cref="Content"/> is at its start.</summary>
public sealed class FetchedFile(Stream content, string contentHash, string? contentType) : IAsyncDisposable
{
    public Stream Content { get; } = content;

    public long Length => Content.Length;

    /// <summary>Lower-case hex MD5 of the bytes, as Frappe's File <c>content_hash</c>.</summary>
    public string ContentHash { get; } = contentHash;

    public string? ContentType { get; } = contentType;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

