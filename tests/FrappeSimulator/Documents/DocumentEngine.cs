using System.Text.Json.Nodes;
using FrappeSimulator.Behaviours;
using FrappeSimulator.Hosting;
using FrappeSimulator.Metadata;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Documents;

/// <summary>Document.insert / save / delete: validation, naming, hooks, commit. Synchronous: no lock is held across an await.</summary>
sealed class DocumentEngine(SimulatedSite site, BehaviourRegistry behaviours)
{
    readonly DocumentWriter writer = new();
    readonly DocumentStamper stamper = new(site.Metadata, site.Store);

    public DocumentWriter Writer => writer;

    public DocTypeMeta Meta(string doctype) => site.Metadata.Find(doctype) ?? throw FrappeErrors.DocTypeNotFound(doctype);

    public InsertResult Insert(string doctype, JsonObject body, SessionUser user, Transaction transaction)
    {
        var meta = Meta(doctype);
        var table = site.Store.Table(meta.Name);
        var doc = DocumentShaper.FromBody(site.Metadata, meta, body);
        var ctx = new DocumentContext(site, meta, doc, user, transaction);
        var behaviour = behaviours.For(meta.Name);
        DocumentShaper.ApplyDefaults(site.Metadata, meta, doc, site.Clock);
        behaviour.BeforeLinks(ctx);
        LinkValidator.Validate(site, meta, doc);
        DocumentNaming.Provisional(ctx, table, body);
        RunValidation(ctx, behaviour);
        var response = Commit(ctx, table, behaviour);
        behaviour.AfterInsert(ctx);
        return new InsertResult(response, ctx.Messages);
    }

    public JsonObject Save(string doctype, string name, JsonObject changes, SessionUser user, Transaction transaction)
    {
        var meta = Meta(doctype);
        var table = site.Store.Table(meta.Name);
        var behaviour = behaviours.For(meta.Name);
        DocumentContext ctx;
        JsonObject stored;
        lock (table.WriteLock)
        {
            var key = Key(meta, name);
            var before = table.Rows.TryGetValue(key, out var row) ? row : throw FrappeErrors.NotFound(meta.Name, name);
            CheckConstants(before.Data, changes);
            var doc = JsonDocs.CloneObject(before.Data);
            DocumentShaper.ApplyChanges(site.Metadata, meta, doc, changes);
            ctx = new DocumentContext(site, meta, doc, user, transaction, before.Data) { ProvisionalName = key };
            behaviour.BeforeLinks(ctx);
            LinkValidator.Validate(site, meta, doc);
            RunValidation(ctx, behaviour);
            writer.CheckUnique(table, meta, ctx, key, key);
            var stamp = new StandardStamp(
                JsonDocs.Text(before.Data, "owner") ?? user.Name,
                JsonDocs.Text(before.Data, "creation") ?? "",
                ctx.NowText,
                user.Name,
                (int)(before.Data["idx"] is JsonValue v && v.TryGetValue(out int i) ? i : 0));
            stored = stamper.StoredForm(meta, stamper.Stamp(meta, doc, before.Data["name"]!, stamp));
            if (meta.IsSingle)
            {
                SingleShape(stored);
            }

            writer.Put(table, meta, key, new StoredDocument(stored, before.Sequence), transaction);
        }

        behaviour.AfterSave(ctx);
        return stored;
    }

    /// <summary>
    /// One column written as Frappe's raw SQL writes it (<c>DocTags.update</c>): no hooks, no validation, <c>modified</c>
    /// unchanged. 404 when there is no such document.
    /// </summary>
    public JsonObject SetColumn(string doctype, string name, string column, JsonNode? value, Transaction transaction)
    {
        var meta = Meta(doctype);
        var table = site.Store.Table(meta.Name);
        lock (table.WriteLock)
        {
            var key = Key(meta, name);
            var before = table.Rows.TryGetValue(key, out var row) ? row : throw FrappeErrors.NotFound(meta.Name, name);
            var doc = JsonDocs.CloneObject(before.Data);
            doc[column] = value;
            writer.Put(table, meta, key, new StoredDocument(doc, before.Sequence), transaction);
            return doc;
        }
    }

    public void Delete(string doctype, string name, Transaction transaction)
    {
        var meta = Meta(doctype);
        var table = site.Store.Table(meta.Name);
        // Frappe runs the document's on_trash before it looks for links (a user lets go of its contact first); outside
        // this table's lock, as it writes other tables. A refusal after it rolls its changes back with the request.
        if (table.Rows.ContainsKey(Key(meta, name)))
        {
            OnTrash(meta.Name, Key(meta, name), transaction);
            LinkedDocuments.Index(site, meta);
        }

        lock (table.WriteLock)
        {
            var key = Key(meta, name);
            if (!table.Rows.ContainsKey(key))
            {
                throw FrappeErrors.NotFound(meta.Name, name);
            }

            LinkedDocuments.ThrowIfLinked(site, meta, key);
            writer.Remove(table, meta, key, transaction);
        }

        DeleteDynamicLinks(meta.Name, name, transaction);
    }

    /// <summary>
    /// User.on_trash: its ToDos go, and the contacts made for it keep no link to it (their <c>user</c> cleared).
    /// HD Team.on_trash: its assignment rule goes, without a look for links (force).
    /// </summary>
    void OnTrash(string doctype, string name, Transaction transaction)
    {
        if (doctype == "User")
        {
            DeleteWhere("ToDo", ("allocated_to", name), _ => true, transaction);
            Clear("Contact", ("user", name), _ => true, ["user"], transaction);
        }
        else if (doctype == "HD Team" && site.Find("HD Team", name) is { } team && JsonDocs.Text(team, "assignment_rule") is { Length: > 0 } rule)
        {
            DeleteWhere("Assignment Rule", ("name", rule), _ => true, transaction);
        }
    }

    /// <summary>
    /// What frappe.model.delete_doc does after a delete (remove_all, delete_dynamic_links): the document's attached files,
    /// ToDos (its assignments) and Notification Logs go with it; Communications that pointed at it stay, their reference
    /// cleared.
    /// </summary>
    void DeleteDynamicLinks(string doctype, string name, Transaction transaction)
    {
        // remove_all: the files attached to it.
        DeleteWhere("File", ("attached_to_name", name), d => JsonDocs.Text(d, "attached_to_doctype") == doctype, transaction);
        DeleteWhere("ToDo", ("reference_name", name), d => JsonDocs.Text(d, "reference_type") == doctype, transaction);
        DeleteWhere("Notification Log", ("document_name", name), d => JsonDocs.Text(d, "document_type") == doctype, transaction);
        Clear("Communication", ("reference_name", name), d => JsonDocs.Text(d, "reference_doctype") == doctype, ["reference_doctype", "reference_name"], transaction);
    }

    /// <summary>Empties <paramref name="fields"/> on the rows that point at a deleted document.</summary>
    void Clear(string doctype, (string Field, string Value) pointing, Func<JsonObject, bool> also, string[] fields, Transaction transaction) =>
        EachPointing(doctype, pointing, also, (table, meta, key, row) =>
        {
            var doc = JsonDocs.CloneObject(row.Data);
            foreach (var field in fields)
            {
                doc[field] = null;
            }

            writer.Put(table, meta, key, new StoredDocument(doc, row.Sequence), transaction);
        });

    /// <summary>Deletes the rows that point at a deleted document, without looking for links to them (Frappe's frappe.db.delete).</summary>
    void DeleteWhere(string doctype, (string Field, string Value) pointing, Func<JsonObject, bool> also, Transaction transaction) =>
        EachPointing(doctype, pointing, also, (table, meta, key, _) => writer.Remove(table, meta, key, transaction));

    void EachPointing(string doctype, (string Field, string Value) pointing, Func<JsonObject, bool> also, Action<DocTable, DocTypeMeta, string, StoredDocument> act)
    {
        if (!site.Metadata.Exists(doctype))
        {
            return;
        }

        var meta = Meta(doctype);
        var table = site.Store.Table(meta.Name);
        lock (table.WriteLock)
        {
            foreach (var (key, row) in Pointing(table, pointing, also))
            {
                act(table, meta, key, row);
            }
        }
    }

    /// <summary>
    /// The rows whose <paramref name="pointing"/> field holds the value (through the table's lookup index when it keeps
    /// that field, as MariaDB would through its index: a migration's thousands of deletes stay linear) and that also match.
    /// </summary>
    static List<KeyValuePair<string, StoredDocument>> Pointing(DocTable table, (string Field, string Value) pointing, Func<JsonObject, bool> also)
    {
        bool Matches(JsonObject d) => string.Equals(JsonDocs.Text(d, pointing.Field), pointing.Value, StringComparison.Ordinal) && also(d);
        if (pointing.Field == "name")
        {
            return table.Rows.TryGetValue(pointing.Value, out var one) && also(one.Data) ? [new(pointing.Value, one)] : [];
        }

        if (table.Lookup.Covers(pointing.Field))
        {
            return table.Lookup.Names(pointing.Field, pointing.Value).ToList()
                .Select(n => table.Rows.TryGetValue(n, out var row) ? new KeyValuePair<string, StoredDocument>(n, row) : default)
                .Where(r => r.Value is not null && Matches(r.Value.Data)).ToList();
        }

        return table.Rows.Where(r => Matches(r.Value.Data)).ToList();
    }

    /// <summary>The stored document (do not change it), or 404.</summary>
    public JsonObject Get(string doctype, string name)
    {
        var meta = Meta(doctype);
        return site.Find(meta.Name, name) ?? throw FrappeErrors.NotFound(meta.Name, name);
    }

    /// <summary>One request is one database transaction: any failure rolls back every write it made.</summary>
    public T InTransaction<T>(Func<Transaction, T> work)
    {
        var transaction = new Transaction();
        try
        {
            return work(transaction);
        }
        catch
        {
            transaction.Rollback(writer);
            throw;
        }
    }

    /// <summary>Autoincrement names compare as numbers, like MariaDB comparing '0004' with an int column.</summary>
    public static string Key(DocTypeMeta meta, string name) =>
        meta.IsAutoincrement && long.TryParse(name, out var number) ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : name;

    void RunValidation(DocumentContext ctx, IDocTypeBehaviour behaviour)
    {
        behaviour.BeforeValidate(ctx);
        FieldValidator.Validate(site.Metadata, ctx.Meta, ctx.Doc, ctx.ProvisionalName);
        behaviour.Validate(ctx);
        site.Faults.Rejections.ThrowIfRejected(ctx.Meta.Name, ctx.Doc, ctx.ProvisionalName is { Length: > 0 } name ? name : null);
    }

    JsonObject Commit(DocumentContext ctx, DocTable table, IDocTypeBehaviour behaviour)
    {
        lock (table.WriteLock)
        {
            var (name, seriesNumber) = DocumentNaming.Final(ctx, table, behaviour);
            var key = JsonDocs.Text(name)!;
            try
            {
                if (table.Rows.ContainsKey(key))
                {
                    throw FrappeErrors.Duplicate(ctx.Meta.Name, key);
                }

                writer.CheckUnique(table, ctx.Meta, ctx, key, key);
            }
            catch (FrappeException) when (seriesNumber is { } taken)
            {
                table.ReturnNumber(taken);
                throw;
            }

            var stamp = new StandardStamp(ctx.User.Name, ctx.NowText, ctx.NowText, ctx.User.Name, ctx.Idx);
            var response = stamper.Stamp(ctx.Meta, ctx.Doc, name, stamp);
            var stored = stamper.StoredForm(ctx.Meta, response);
            if (ctx.Meta.IsSingle)
            {
                SingleShape(stored);
            }

            writer.Put(table, ctx.Meta, key, new StoredDocument(stored, site.Store.NextSequence()), ctx.Transaction, seriesNumber);
            ctx.ProvisionalName = key;
            return response;
        }
    }

    static void CheckConstants(JsonObject stored, JsonObject changes)
    {
        if (changes["creation"] is { } creation && !SameTime(JsonDocs.Text(creation), JsonDocs.Text(stored, "creation")))
        {
            throw FrappeErrors.Fail("CannotChangeConstantError", "Value cannot be changed for <strong>Created On</strong>");
        }

        if (changes["owner"] is { } owner && JsonDocs.Text(owner) != JsonDocs.Text(stored, "owner"))
        {
            throw FrappeErrors.Fail("CannotChangeConstantError", "Value cannot be changed for <strong>Created By</strong>");
        }

        if (changes["modified"] is { } modified && !SameTime(JsonDocs.Text(modified), JsonDocs.Text(stored, "modified")))
        {
            throw FrappeErrors.Fail(
                "TimestampMismatchError",
                "Error: Document has been modified after you have opened it. Please refresh to get the latest document.");
        }
    }

    static bool SameTime(string? a, string? b) =>
        a == b || (a is not null && b is not null && FrappeFormat.TryParseDatetime(a, out var x) && FrappeFormat.TryParseDatetime(b, out var y) && x == y);

    /// <summary>Singles are read from tabSingles: no creation, idx comes back as the text "0".</summary>
    static void SingleShape(JsonObject stored)
    {
        stored.Remove("creation");
        stored["idx"] = "0";
    }
}
