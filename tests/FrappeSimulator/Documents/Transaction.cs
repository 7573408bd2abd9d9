using FrappeSimulator.Metadata;
using FrappeSimulator.Store;

namespace FrappeSimulator.Documents;

/// <summary>
/// Undo log of one request, so a failure (or insert_many's all-or-nothing) rolls back every write,
/// including documents created by hooks.
/// </summary>
sealed class Transaction
{
    readonly List<Undo> undo = [];

    public int Writes => undo.Count;

    public void Recorded(DocTable table, DocTypeMeta meta, string key, StoredDocument? before, long? seriesNumber = null) =>
        undo.Add(new Undo(table, meta, key, before, seriesNumber));

    public void Rollback(DocumentWriter writer)
    {
        for (var i = undo.Count - 1; i >= 0; i--)
        {
            var (table, meta, key, before, seriesNumber) = undo[i];
            writer.Restore(table, meta, key, before);
            if (seriesNumber is { } number)
            {
                table.ReturnNumber(number);
            }
        }

        undo.Clear();
    }

    readonly record struct Undo(DocTable Table, DocTypeMeta Meta, string Key, StoredDocument? Before, long? SeriesNumber);
}
