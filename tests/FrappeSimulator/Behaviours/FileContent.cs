using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Behaviours;

/// <summary>
/// The File controller's <c>save_file</c> (Frappe 15) for uploaded bytes: more than the site's maximum size is refused;
/// the content is hashed (MD5); a File with the same content and privacy lends its file_url (one copy kept); otherwise the
/// bytes are written under the file's name, or under the name plus the hash's last 6 characters when that path is taken.
/// </summary>
sealed class FileContent(SimulatedSite site)
{
    const double Megabyte = 1048576;

    /// <summary>Sets file_name, file_url, file_size and content_hash; returns the path written (null when reused).</summary>
    public string? Save(JsonObject doc, byte[] content)
    {
        var limit = site.Options.MaxFileSize;
        if (content.LongLength > limit)
        {
            throw FrappeErrors.Fail("MaxFileSizeReachedError", $"File size exceeded the maximum allowed size of {PythonFloat(limit / Megabyte)} MB");
        }

        var isPrivate = JsonDocs.IsTrue(doc["is_private"]);
        var hash = ContentHash(content);
        doc["file_size"] = content.LongLength;
        doc["content_hash"] = hash;
        if (SameContent(hash, isPrivate) is { } sharedUrl)
        {
            doc["file_url"] = sharedUrl;
            return null;
        }

        var folder = isPrivate ? "/private/files/" : "/files/";
        foreach (var name in Candidates((JsonDocs.Text(doc, "file_name") ?? "").Replace("/", "", StringComparison.Ordinal), hash))
        {
            var url = folder + name;
            if (!Taken(url) && site.Files.TryCreate(url, content))
            {
                doc["file_name"] = name;
                doc["file_url"] = url;
                return url;
            }
        }

        throw new InvalidOperationException("unreachable: the candidate names never run out");
    }

    /// <summary>A path is taken when bytes were written there or a File (seeded ones too) names it.</summary>
    bool Taken(string url) => site.Files.Contains(url) || site.FindBy("File", "file_url", url).Any();

    string? SameContent(string hash, bool isPrivate) =>
        site.FindBy("File", "content_hash", hash)
            .Where(f => JsonDocs.IsTrue(f["is_private"]) == isPrivate && !JsonDocs.IsTrue(f["is_folder"]))
            .Select(f => JsonDocs.Text(f, "file_url"))
            .FirstOrDefault(url => url is { Length: > 0 } && Taken(url));

    /// <summary>Frappe's generate_file_name: the name, then the hash suffix, then random 6-character suffixes.</summary>
    static IEnumerable<string> Candidates(string name, string hash)
    {
        yield return name;
        yield return WithSuffix(name, hash[^6..]);
        while (true)
        {
            yield return WithSuffix(name, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)));
        }
    }

    /// <summary>Python's os.path.splitext: the suffix goes before the last dot, unless only dots precede it.</summary>
    static string WithSuffix(string name, string suffix)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && name[..dot].Any(c => c != '.') ? name[..dot] + suffix + name[dot..] : name + suffix;
    }

#pragma warning disable CA5351 // Frappe's content_hash is an MD5 digest; it identifies content, it secures nothing.
    static string ContentHash(byte[] content) => Convert.ToHexStringLower(MD5.HashData(content));
#pragma warning restore CA5351

    /// <summary>str() of a Python float: 25.0, 0.5, 0.00095367431640625, 1e-05.</summary>
    static string PythonFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('E', StringComparison.Ordinal) ? text.Replace('E', 'e')
            : text.Contains('.', StringComparison.Ordinal) ? text
            : text + ".0";
    }
}
