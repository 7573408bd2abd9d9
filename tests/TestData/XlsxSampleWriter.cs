using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace ImportPortal.TestData;

/// <summary>
/// Writes the smallest XLSX that Excel and ExcelDataReader accept: inline strings, numbers, and dates as serial
/// numbers with a date style. A cell is a string, a double, a <see cref="DateTime"/> or null.
/// </summary>
public static class XlsxSampleWriter
{
    public static byte[] Workbook(params (string Name, IEnumerable<object?[]> Rows)[] sheets)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", ContentTypes(sheets.Length));
            Write(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Write(zip, "xl/workbook.xml", WorkbookXml(sheets.Select(s => s.Name).ToList()));
            Write(zip, "xl/_rels/workbook.xml.rels", WorkbookRels(sheets.Length));
            Write(zip, "xl/styles.xml", """<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>""");
            for (var i = 0; i < sheets.Length; i++)
            {
                using var entry = new StreamWriter(zip.CreateEntry($"xl/worksheets/sheet{i + 1}.xml", CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
                WriteSheet(entry, sheets[i].Rows);
            }
        }

        return buffer.ToArray();
    }

    private static void WriteSheet(TextWriter w, IEnumerable<object?[]> rows)
    {
        w.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        var r = 0;
        foreach (var row in rows)
        {
            r++;
            w.Write($"<row r=\"{r}\">");
            for (var c = 0; c < row.Length; c++)
            {
                var reference = Column(c) + r.ToString(CultureInfo.InvariantCulture);
                w.Write(row[c] switch
                {
                    null => "",
                    string s => $"<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(s)}</t></is></c>",
                    DateTime d => $"<c r=\"{reference}\" s=\"1\"><v>{d.ToOADate().ToString(CultureInfo.InvariantCulture)}</v></c>",
                    IConvertible n => $"<c r=\"{reference}\"><v>{n.ToDouble(CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}</v></c>",
                    _ => throw new ArgumentException("Unsupported cell " + row[c]),
                });
            }

            w.Write("</row>");
        }

        w.Write("</sheetData></worksheet>");
    }

    private static string Column(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }

        return name;
    }

    private static string ContentTypes(int sheets) =>
        """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"""
        + string.Concat(Enumerable.Range(1, sheets).Select(i => $"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""))
        + "</Types>";

    private static string WorkbookXml(List<string> names) =>
        """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"""
        + string.Concat(names.Select((n, i) => $"""<sheet name="{SecurityElement.Escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>"""))
        + "</sheets></workbook>";

    private static string WorkbookRels(int sheets) =>
        """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
        + string.Concat(Enumerable.Range(1, sheets).Select(i => $"""<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"""))
        + """<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""";

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
