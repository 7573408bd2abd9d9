using System.Text;

namespace ImportPortal.Domain.Sources;

/// <summary>Resolves encoding names, with the Windows code pages (1252, 1258, ...) made available once.</summary>
public static class SourceEncodings
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    public static void EnsureCodePages() => _ = Registered.Value;

    /// <summary>The encoding for a name such as "utf-8", "utf-16BE" or "windows-1258", or null when unknown.</summary>
    public static Encoding? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        EnsureCodePages();
        try
        {
            return Encoding.GetEncoding(name.Trim());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
