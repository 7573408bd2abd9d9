using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// The images a message's HTML shows from the file hosts attachments come from (Freshdesk's inline images:
/// <c>&lt;img src="https://attachment.freshdesk.com/inline/attachment?token=…"&gt;</c>), which stop showing once the
/// Freshdesk account is closed or the signed link expires; and the HTML with each such image pointing at its copy on
/// the site instead.
/// </summary>
public static partial class InlineImages
{
    /// <summary>Each distinct image link of <paramref name="html"/> on an allowed host, as written (HTML-encoded) and as fetched.</summary>
    public static IReadOnlyList<InlineImage> Find(string? html, AttachmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(html) || !html.Contains("<img", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var images = new List<InlineImage>();
        try
        {
            foreach (Match match in ImageSource().Matches(html))
            {
                var written = match.Groups["src"].Value;
                var link = WebUtility.HtmlDecode(written).Trim();
                if (Uri.TryCreate(link, UriKind.Absolute, out var uri) && options.Allows(uri) && !images.Any(i => i.Written == written))
                {
                    images.Add(new InlineImage(written, link));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // HTML no image search gets through in time goes as it is: its images keep their links.
            return [];
        }

        return images;
    }

    /// <summary><paramref name="html"/> with every image whose written link is a key of <paramref name="copies"/> showing the copy instead.</summary>
    public static string Rewrite(string html, IReadOnlyDictionary<string, string> copies)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(copies);
        if (copies.Count == 0)
        {
            return html;
        }

        return ImageSource().Replace(html, match =>
        {
            var src = match.Groups["src"];
            if (!copies.TryGetValue(src.Value, out var copy))
            {
                return match.Value;
            }

            var text = new StringBuilder(match.Value);
            text.Remove(src.Index - match.Index, src.Length).Insert(src.Index - match.Index, WebUtility.HtmlEncode(copy));
            return text.ToString();
        });
    }

    /// <summary>A file name for an image whose link names none (<c>…/inline/attachment?token=…</c>): the link's last part, with the extension its type gives.</summary>
    public static string FileNameOf(string link, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(link);
        var last = AttachmentOptions.LastSegment(link);
        var name = last.Length > 0 ? last : "image";
        var extension = contentType switch
        {
            "image/png" => ".png",
            "image/jpeg" => ".jpg",
            "image/gif" => ".gif",
            "image/webp" => ".webp",
            "image/svg+xml" => ".svg",
            "image/bmp" => ".bmp",
            _ => "",
        };
        return Path.HasExtension(name) || extension.Length == 0 ? name : name + extension;
    }

    // An img tag's src attribute (not data-src), quoted either way: the group is the value as written.
    [GeneratedRegex("""<img\b[^>]*?\ssrc\s*=\s*(?:"(?<src>[^"]*)"|'(?<src>[^']*)')""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ImageSource();
}

/// <summary>An image of a message: its link as the HTML writes it (entities and all), and as it is fetched.</summary>
public sealed record InlineImage(string Written, string Link);
