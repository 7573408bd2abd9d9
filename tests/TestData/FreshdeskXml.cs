using System.IO.Compression;
using System.Text;
using System.Xml;

namespace ImportPortal.TestData;

/// <summary>The XML shape of a Freshdesk account export: one array document per entry, typed elements, nil for null.</summary>
public static class FreshdeskXml
{
    /// <summary>Writes <paramref name="entry"/> as <c>&lt;root type="array"&gt;</c> holding what <paramref name="body"/> writes.</summary>
    public static void WriteArray(ZipArchive zip, string entry, string root, Action<XmlWriter> body)
    {
        ArgumentNullException.ThrowIfNull(zip);
        ArgumentNullException.ThrowIfNull(body);
        using var stream = zip.CreateEntry(entry, CompressionLevel.Fastest).Open();
        using var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
        w.WriteStartDocument();
        w.WriteStartElement(root);
        w.WriteAttributeString("type", "array");
        body(w);
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    /// <summary>One field: <c>&lt;name type="..."&gt;value&lt;/name&gt;</c>, or <c>nil="true"</c> when the value is null.</summary>
    public static void Element(XmlWriter w, string name, string? type, string? value)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartElement(name);
        if (type is not null)
        {
            w.WriteAttributeString("type", type);
        }

        if (value is null)
        {
            w.WriteAttributeString("nil", "true");
        }
        else
        {
            w.WriteString(value);
        }

        w.WriteEndElement();
    }
}
