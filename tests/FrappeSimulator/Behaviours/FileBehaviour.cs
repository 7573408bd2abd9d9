using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Behaviours;

/// <summary>
/// File controller (Frappe 15 <c>core/doctype/file</c>) for a document whose bytes, if any, are already written (see
/// <see cref="FileContent"/>): folder, file name, privacy and type on insert; the attached document must exist; an
/// attachment needs its document's name; a file_url is a web address or a path under /files/ or /private/files/.
/// </summary>
sealed class FileBehaviour(SimulatedSite site) : IDocTypeBehaviour
{
    static readonly Dictionary<string, string> TypesByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pdf"] = "PDF", ["txt"] = "TXT", ["csv"] = "CSV", ["png"] = "PNG", ["jpg"] = "JPG", ["jpeg"] = "JPG", ["jpe"] = "JPG",
        ["gif"] = "GIF", ["svg"] = "SVG", ["webp"] = "WEBP", ["bmp"] = "BMP", ["html"] = "HTML", ["htm"] = "HTML",
        ["json"] = "JSON", ["xml"] = "XML", ["zip"] = "ZIP", ["eml"] = "EML", ["doc"] = "DOC", ["docx"] = "DOCX",
        ["xls"] = "XLS", ["xlsx"] = "XLSX", ["ppt"] = "PPT", ["pptx"] = "PPTX", ["odt"] = "ODT", ["ods"] = "ODS",
        ["mp3"] = "MP3", ["mp4"] = "MP4", ["wav"] = "WAV",
    };

    /// <summary>before_insert: set_folder_name, set_file_name, set_is_private, set_file_type; a missing attached document is 404.</summary>
    public void BeforeLinks(DocumentContext ctx)
    {
        if (!ctx.IsNew)
        {
            return;
        }

        SetFolder(ctx);
        SetFileName(ctx);
        if (ctx.Text("file_url") is { Length: > 0 } url)
        {
            ctx.Doc["is_private"] = url.StartsWith("/private", StringComparison.Ordinal) ? 1 : 0;
        }

        if (!JsonDocs.IsTrue(ctx.Doc["is_folder"]) && ctx.IsEmpty("file_type") && TypeOf(ctx.Text("file_name")!) is { } type)
        {
            ctx.Doc["file_type"] = type;
        }

        if (ctx.Text("attached_to_doctype") is { Length: > 0 } doctype && site.Metadata.Find(doctype) is { } meta
            && ctx.Text("attached_to_name") is { Length: > 0 } name && site.Find(meta.Name, name) is null)
        {
            throw FrappeErrors.NotFound(meta.Name, name);
        }
    }

    /// <summary>validate: validate_attachment_references and validate_file_url.</summary>
    public void Validate(DocumentContext ctx)
    {
        if (JsonDocs.IsTrue(ctx.Doc["is_folder"]))
        {
            return;
        }

        if (!ctx.IsEmpty("attached_to_doctype") && ctx.IsEmpty("attached_to_name"))
        {
            throw FrappeErrors.Fail("ValidationError", "Attached To Name must be a string or an integer");
        }

        if (ctx.Text("file_url") is { Length: > 0 } url
            && !url.StartsWith("http://", StringComparison.Ordinal) && !url.StartsWith("https://", StringComparison.Ordinal)
            && !url.StartsWith("/files/", StringComparison.Ordinal) && !url.StartsWith("/private/files/", StringComparison.Ordinal))
        {
            throw FrappeErrors.Fail("ValidationError", "URL must start with http:// or https://", title: "Invalid URL");
        }
    }

    /// <summary>An attachment goes to the attachments folder, anything else to Home (the home folder itself has none).</summary>
    void SetFolder(DocumentContext ctx)
    {
        if (!ctx.IsEmpty("folder"))
        {
            return;
        }

        if (!ctx.IsEmpty("attached_to_doctype"))
        {
            ctx.Doc["folder"] = site.FindBy("File", "is_attachments_folder", "1").Select(f => JsonDocs.Text(f, "name")).FirstOrDefault();
        }
        else if (!JsonDocs.IsTrue(ctx.Doc["is_home_folder"]))
        {
            ctx.Doc["folder"] = "Home";
        }
    }

    static void SetFileName(DocumentContext ctx)
    {
        if (ctx.Text("file_name") is { Length: > 0 } name)
        {
            ctx.Doc["file_name"] = name.Replace("/", "", StringComparison.Ordinal);
        }
        else if (ctx.Text("file_url") is { Length: > 0 } url)
        {
            ctx.Doc["file_name"] = url.Split('/')[^1];
        }
        else
        {
            throw FrappeErrors.Fail("MandatoryError", "Fields `file_name` or `file_url` must be set for File");
        }
    }

    /// <summary>Python's mimetypes round trip (guess_type, then guess_extension), upper-cased; null when unknown.</summary>
    static string? TypeOf(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        return dot < 0 ? null : TypesByExtension.GetValueOrDefault(fileName[(dot + 1)..]);
    }
}
