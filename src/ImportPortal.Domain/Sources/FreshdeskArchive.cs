namespace ImportPortal.Domain.Sources;

/// <summary>
/// A Freshdesk account export (Admin &gt; Account &gt; Export data): a ZIP of XML files read as logical tables —
/// "tickets" (Tickets*.xml and ArchivedTickets*.xml, each ticket with its "notes" as child records), "users",
/// "companies" (Companies*.xml or Customers.xml) and "groups". Opening reads only the ZIP's directory; each table
/// reader streams its entries one element at a time within the <see cref="ZipLimits"/>.
/// </summary>
public sealed class FreshdeskArchive
{
    private readonly Func<Stream> openStream;
    private readonly SourceReadOptions options;

    private FreshdeskArchive(SourceFormat format, Func<Stream> openStream, SourceReadOptions options, IReadOnlyList<string> tables)
    {
        (Format, this.openStream, this.options, Tables) = (format, openStream, options, tables);
    }

    public SourceFormat Format { get; }

    /// <summary>The tables present, in the order tickets, users, companies, groups.</summary>
    public IReadOnlyList<string> Tables { get; }

    /// <summary>What opening found: entries skipped for unsafe names.</summary>
    public SourceProblemLog Problems { get; } = new();

    public static FreshdeskArchive Open(SourceFormat format, Func<Stream> openStream, SourceReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(openStream);
        options ??= SourceReadOptions.Default;
        using var archive = new ZipGuard(format.File, options.Zip).Open(openStream());
        var names = archive.Entries.Select(e => e.FullName).ToList();
        var tables = FreshdeskEntries.TablesIn(names);
        if (tables.Count == 0)
        {
            throw Sources.Problems.Fatal(SourceProblemCodes.ZipNoFreshdeskFiles, format.File, null, null);
        }

        var result = new FreshdeskArchive(format, openStream, options, tables);
        foreach (var unsafeName in names.Where(FreshdeskEntries.IsUnsafe))
        {
            result.Problems.Report(Sources.Problems.Warning(SourceProblemCodes.ZipUnsafeEntryName, format.File, null, null, ZipGuard.Shown(unsafeName)));
        }

        return result;
    }

    /// <summary>A reader over one table ("tickets", "users", "companies", "groups").</summary>
    public ISourceReader OpenTable(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!Tables.Contains(table, StringComparer.OrdinalIgnoreCase))
        {
            throw Sources.Problems.Fatal(SourceProblemCodes.ZipTableNotFound, Format.File, null, null, table, string.Join(", ", Tables));
        }

        var reader = new FreshdeskTableReader(Format, openStream, options, table.ToLowerInvariant());
        reader.Problems.ReportAll(Problems.Items);
        return reader;
    }
}
