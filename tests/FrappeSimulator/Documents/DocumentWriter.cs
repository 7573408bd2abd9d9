using FrappeSimulator.Metadata;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Documents;

/// <summary>Puts rows into a table keeping unique indexes right; callers hold the table's write lock.</summary>
sealed class DocumentWriter
{
    public void CheckUnique(DocTable table, DocTypeMeta meta, DocumentContext ctx, string key, string nameForMessage)
    {
        foreach (var field in meta.DataFields.Where(f => f.Unique && meta.Autoname != $"field:{f.Fieldname}"))
        {
            if (ctx.Text(field.Fieldname) is { Length: > 0 } value
                && table.Unique.Owner(table, field.Fieldname, value) is { } owner
                && !string.Equals(owner, key, StringComparison.OrdinalIgnoreCase))
            {
                throw FrappeErrors.Unique(meta.Name, nameForMessage, field.Fieldname, field.DisplayLabel, value);
            }
        }
    }

    public void Put(DocTable table, DocTypeMeta meta, string key, StoredDocument row, Transaction transaction, long? seriesNumber = null)
    {
        table.Rows.TryGetValue(key, out var before);
        Restore(table, meta, key, row, before);
        transaction.Recorded(table, meta, key, before, seriesNumber);
    }

    public void Remove(DocTable table, DocTypeMeta meta, string key, Transaction transaction)
    {
        if (table.Rows.TryGetValue(key, out var before))
        {
            Restore(table, meta, key, null, before);
            transaction.Recorded(table, meta, key, before);
        }
    }

    public void Restore(DocTable table, DocTypeMeta meta, string key, StoredDocument? row)
    {
        lock (table.WriteLock)
        {
            table.Rows.TryGetValue(key, out var current);
            Restore(table, meta, key, row, current);
        }
    }

    static void Restore(DocTable table, DocTypeMeta meta, string key, StoredDocument? row, StoredDocument? current)
    {
        foreach (var field in meta.DataFields.Where(f => f.Unique))
        {
            if (current is not null && JsonDocs.Text(current.Data, field.Fieldname) is { Length: > 0 } old)
            {
                table.Unique.Remove(field.Fieldname, old, key);
            }

            if (row is not null && JsonDocs.Text(row.Data, field.Fieldname) is { Length: > 0 } value)
            {
                table.Unique.Add(table, field.Fieldname, value, key);
            }
        }

        foreach (var field in table.Lookup.Fields)
        {
            if (current is not null && JsonDocs.Text(current.Data, field) is { Length: > 0 } old)
            {
                table.Lookup.Remove(field, old, key);
            }

            if (row is not null && JsonDocs.Text(row.Data, field) is { Length: > 0 } value)
            {
                table.Lookup.Add(field, value, key);
            }
        }

        if (row is null)
        {
            table.Rows.TryRemove(key, out _);
        }
        else
        {
            table.Rows[key] = row;
        }
    }
}
