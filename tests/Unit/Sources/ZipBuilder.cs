using System.IO.Compression;
using System.Text;

namespace ImportPortal.Tests.Unit.Sources;

/// <summary>Builds small ZIPs in memory, with any entry names (including hostile ones).</summary>
internal static class ZipBuilder
{
    public static byte[] Build(params (string Name, string Content)[] entries) =>
        Build(entries.Select(e => (e.Name, Encoding.UTF8.GetBytes(e.Content))).ToArray());

    public static byte[] Build(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
