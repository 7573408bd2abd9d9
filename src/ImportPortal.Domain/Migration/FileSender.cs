using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// What a run does with files: the attachments stage's files, each fetched from its link and uploaded to its message,
/// and the images a message shows from a file host, copied to its ticket before the message is sent. A send whose answer
/// was lost is found on the site by the file's bytes (<c>content_hash</c>) before it is sent again.
/// </summary>
internal sealed class FileSender(IFrappeSite site, LoopOptions options, TimeProvider time)
{
    /// <summary>What is wrong with a file's link before anything is fetched (a dry run asks), or null.</summary>
    public RecordError? CheckLink(JsonObject body) =>
        options.Attachments is { } source ? source.Options.Check(Text(body, "file_url")) : NoAttachments;

    /// <summary>
    /// A file: fetched from its link (again for every attempt: nothing of it is kept between them) and uploaded to its
    /// message. A send whose answer was lost is looked up on the site by the message and the file's bytes
    /// (<c>content_hash</c>) before it is sent again. The File's name, or why there is none, with what was done.
    /// </summary>
    public async Task<(string? Name, RecordError? Error, JsonObject Sent)> AttachAsync(WorkItem item, JsonObject body, AttemptRecorder log, CancellationToken ct)
    {
        if (options.Attachments is not { } fetcher)
        {
            return (null, NoAttachments, body);
        }

        var link = Text(body, "file_url") ?? "";
        var doctype = Text(body, "attached_to_doctype") ?? "";
        var docname = Text(body, "attached_to_name") ?? "";
        var fileName = FileNameOf(Text(body, "file_name"), link);
        var isPrivate = body["is_private"] is not JsonValue p || p.ToString() is not ("0" or "false");
        // What the run did: fetched the file (from the link without its signature, a credential) and uploaded it by name.
        var sent = (JsonObject)body.DeepClone();
        sent["file_name"] = fileName;
        sent["file_url"] = AttachmentOptions.Shown(link);
        var mayHaveLanded = item.WasUnknown;
        for (var send = 1; ; send++)
        {
            FetchedFile file;
            var fetching = time.GetTimestamp();
            try
            {
                file = await fetcher.FetchAsync(link, ct);
                log.Add($"GET {AttachmentOptions.Shown(link)}", fetching, AttemptOutcomes.Bytes(file.Length));
            }
            catch (AttachmentFetchException ex)
            {
                log.Add($"GET {AttachmentOptions.Shown(link)}", fetching, ex.Error.Message);
                if (ex.IsTransient && send < options.MaxSends)
                {
                    await Task.Delay(options.RetryDelay(send, null), time, ct);
                    continue;
                }

                return (null, ex.Error, sent);
            }

            await using (file)
            {
                sent["file_size"] = file.Length;
                sent["content_hash"] = file.ContentHash;
                if (mayHaveLanded && await UploadedAsync(doctype, docname, file.ContentHash, log, ct) is { } landed)
                {
                    return (landed.Name, null, sent);
                }

                var started = time.GetTimestamp();
                FrappeError error;
                try
                {
                    file.Content.Position = 0;
                    var uploaded = await site.UploadFileAsync(new FileUpload(fileName, file.Content, file.ContentType, doctype, docname, isPrivate), ct);
                    log.Add($"POST upload_file {doctype}/{docname}", started, AttemptOutcomes.Created);
                    return (uploaded.Name, null, sent);
                }
                catch (FrappeException ex)
                {
                    error = ex.Error;
                    log.Add($"POST upload_file {doctype}/{docname}", started, error);
                }

                var decision = OutcomeRules.Decide(error);
                if (decision == SendDecision.LookUpThenResend)
                {
                    mayHaveLanded = true;
                    if (await UploadedAsync(doctype, docname, file.ContentHash, log, ct) is { } created)
                    {
                        return (created.Name, null, sent);
                    }
                }

                if (decision is SendDecision.LookUpThenResend or SendDecision.RetryLater && send < options.MaxSends)
                {
                    await Task.Delay(options.RetryDelay(send, error.RetryAfter), time, ct);
                    continue;
                }

                return (null, OutcomeRules.ToRecordError(error), sent);
            }
        }
    }

    /// <summary>
    /// The message with each image it shows from a file host copied to the site first (attached to its ticket, private)
    /// and shown from there: Freshdesk's inline images stop showing once its account is closed. An image that cannot be
    /// copied keeps its link, said so on the log; the message goes in either way.
    /// </summary>
    public async Task<JsonObject> WithImagesAsync(WorkItem item, JsonObject body, AttemptRecorder log, CancellationToken ct)
    {
        // Files and images come together or not at all: a run without its attachments stage copies neither.
        if (options.Attachments is not { } files || !options.Stages.Contains(RunStage.Attachments) || body["content"] is not JsonValue content
            || InlineImages.Find(content.ToString(), files.Options) is not { Count: > 0 } images)
        {
            return body;
        }

        var html = content.ToString();
        if (Text(body, item.Doctype == "HD Ticket Comment" ? "reference_ticket" : "reference_name") is not { } ticket)
        {
            return body;
        }

        var copies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            if (await CopyImageAsync(ticket, image.Link, files, log, ct) is { } copy)
            {
                copies[image.Written] = copy;
            }
        }

        if (copies.Count == 0)
        {
            return body;
        }

        var rewritten = (JsonObject)body.DeepClone();
        rewritten["content"] = InlineImages.Rewrite(html, copies);
        return rewritten;
    }

    /// <summary>
    /// Where the site serves its copy of the image, or null. The ticket's File with the same bytes is the copy when there
    /// is one: a logo in every reply is one file, and a message sent again finds what its last send copied.
    /// </summary>
    private async Task<string?> CopyImageAsync(string ticket, string link, IAttachmentSource files, AttemptRecorder log, CancellationToken ct)
    {
        var request = $"GET {AttachmentOptions.Shown(link)}";
        var started = time.GetTimestamp();
        FetchedFile file;
        try
        {
            file = await files.FetchAsync(link, ct);
            log.Add(request, started, AttemptOutcomes.Bytes(file.Length));
        }
        catch (AttachmentFetchException ex)
        {
            log.Add(request, started, AttemptOutcomes.KeepsLink(ex.Error.Message));
            return null;
        }

        await using (file)
        {
            if (await UploadedAsync("HD Ticket", ticket, file.ContentHash, log, ct) is { FileUrl: { } copied })
            {
                return copied;
            }

            var upload = $"POST upload_file HD Ticket/{ticket}";
            started = time.GetTimestamp();
            try
            {
                var uploaded = await site.UploadFileAsync(new FileUpload(InlineImages.FileNameOf(link, file.ContentType), file.Content, file.ContentType, "HD Ticket", ticket, true), ct);
                log.Add(upload, started, AttemptOutcomes.Created);
                return uploaded.FileUrl;
            }
            catch (FrappeException ex)
            {
                log.Add(upload, started, ex.Error);
                if (OutcomeRules.Decide(ex.Error) == SendDecision.LookUpThenResend && await UploadedAsync("HD Ticket", ticket, file.ContentHash, log, ct) is { FileUrl: { } landed })
                {
                    return landed;
                }

                log.Add(upload, started, AttemptOutcomes.KeepsLink(AttemptOutcomes.NotCopied));
                return null;
            }
        }
    }

    /// <summary>The File on the document with these bytes, if a send whose answer was lost made it.</summary>
    private async Task<FrappeFile?> UploadedAsync(string doctype, string docname, string contentHash, AttemptRecorder log, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var filters = new JsonArray(
            new JsonArray("attached_to_doctype", "=", doctype),
            new JsonArray("attached_to_name", "=", docname),
            new JsonArray("content_hash", "=", contentHash));
        var found = await site.ListAsync("File", new FrappeListQuery(["name", "file_url"], filters, "creation asc", 0, 1), ct);
        var file = found.Count > 0 && found[0]["name"] is JsonValue v ? new FrappeFile(v.ToString(), found[0]["file_url"] is JsonValue u ? u.ToString() : null) : null;
        log.Add($"GET File?attached_to_name={docname}&content_hash={contentHash}", started, file is null ? AttemptOutcomes.NotFound : AttemptOutcomes.Found(file.Name));
        return file;
    }

    /// <summary>The file's name as the export gives it, else the last part of its link.</summary>
    private static string FileNameOf(string? named, string link)
    {
        if (!string.IsNullOrWhiteSpace(named))
        {
            return named.Trim();
        }

        var last = AttachmentOptions.LastSegment(link);
        return last.Length > 0 ? last : "attachment";
    }

    private static string? Text(JsonObject body, string field) => body[field] is JsonValue v && v.ToString() is { Length: > 0 } text ? text : null;

    private static RecordError NoAttachments { get; } = RecordError.Portal(RecordErrorKind.Data, new PortalText(RecordTexts.NoAttachmentHosts));
}
