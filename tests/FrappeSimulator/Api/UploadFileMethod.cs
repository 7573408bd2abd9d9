using System.Text.Json.Nodes;
using FrappeSimulator.Behaviours;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;

namespace FrappeSimulator.Api;

/// <summary>
/// <c>upload_file</c> (Frappe 15 <c>frappe.handler.upload_file</c>): multipart form with <c>doctype</c>, <c>docname</c>,
/// <c>fieldname</c>, <c>is_private</c>, <c>folder</c> (default Home), and either a <c>file</c> part (its own filename
/// wins over <c>file_name</c>) or a <c>file_url</c>. The File is inserted like any document, in one transaction; bytes
/// written for it are deleted again when the insert fails, as Frappe's rollback observer does. Answers the File.
/// </summary>
sealed class UploadFileMethod(SimulatedSite site)
{
    readonly FileContent content = new(site);

    public async Task Upload(HttpContext http, SessionUser user, JsonObject args)
    {
        var part = http.Request.HasFormContentType ? http.Request.Form.Files.GetFile("file") : null;
        var doc = new JsonObject
        {
            ["attached_to_doctype"] = RequestArgs.Text(args, "doctype"),
            ["attached_to_name"] = RequestArgs.Text(args, "docname"),
            ["attached_to_field"] = RequestArgs.Text(args, "fieldname"),
            ["folder"] = RequestArgs.Text(args, "folder") is { Length: > 0 } folder ? folder : "Home",
            ["file_name"] = part?.FileName ?? RequestArgs.Text(args, "file_name"),
            ["file_url"] = RequestArgs.Text(args, "file_url"),
            ["is_private"] = JsonDocs.IsTrue(args["is_private"]) ? 1 : 0,
        };
        var written = part is null ? null : content.Save(doc, await ReadAsync(part, http.RequestAborted));
        InsertResult inserted;
        try
        {
            inserted = site.Engine.InTransaction(tx => site.Engine.Insert("File", doc, user, tx));
        }
        catch when (written is not null)
        {
            site.Files.Delete(written);
            throw;
        }

        await FrappeResponses.Message(http, DocumentMethods.WithNulls(site.Engine.Meta("File"), inserted.Doc));
    }

    static async Task<byte[]> ReadAsync(IFormFile part, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using var stream = part.OpenReadStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
