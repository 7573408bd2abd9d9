using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using FrappeSimulator.Metadata;
using FrappeSimulator.Store;

namespace FrappeSimulator.Validation;

/// <summary>Frappe's Document._validate: mandatory, e-mail/phone format, select options, column length.</summary>
static partial class FieldValidator
{
    public static void Validate(MetadataRegistry registry, DocTypeMeta meta, JsonObject doc, string name)
    {
        var missing = new List<(string, string)>();
        Mandatory(meta, doc, null, missing);
        foreach (var (childMeta, row, idx) in Children(registry, meta, doc))
        {
            Mandatory(childMeta, row, idx, missing);
        }

        if (missing.Count > 0)
        {
            throw FrappeErrors.Mandatory(meta.Name, name, missing);
        }

        Formats(meta, doc, null, name);
        foreach (var (childMeta, row, idx) in Children(registry, meta, doc))
        {
            Formats(childMeta, row, idx, JsonDocs.Text(row, "name") ?? "");
        }
    }

    static IEnumerable<(DocTypeMeta, JsonObject, int)> Children(MetadataRegistry registry, DocTypeMeta meta, JsonObject doc) =>
        meta.TableFields.SelectMany(t => JsonDocs.Rows(doc, t.Fieldname).Select((row, i) => (registry.Get(t.Options!), row, i + 1)));

    static void Mandatory(DocTypeMeta meta, JsonObject doc, int? rowIdx, List<(string, string)> missing)
    {
        foreach (var field in meta.Fields.Where(f => f.Reqd && !f.IsLayout))
        {
            var empty = field.IsTable ? JsonDocs.Rows(doc, field.Fieldname).Any() is false : JsonDocs.IsEmpty(doc[field.Fieldname]);
            if (empty)
            {
                var message = rowIdx is { } idx
                    ? $"Error: Data missing in table {meta.Name}, Row #{idx}: {field.DisplayLabel}"
                    : $"Error: Value missing for {meta.Name}: {field.DisplayLabel}";
                missing.Add((field.Fieldname, message));
            }
        }
    }

    static void Formats(DocTypeMeta meta, JsonObject doc, int? rowIdx, string name)
    {
        foreach (var field in meta.DataFields)
        {
            if (JsonDocs.Text(doc, field.Fieldname) is not { Length: > 0 } value)
            {
                continue;
            }

            DataFormat(field, value);
            SelectOption(field, value, rowIdx);
            Length(meta, field, value, name);
        }
    }

    static void DataFormat(DocFieldMeta field, string value)
    {
        if (field.Fieldtype != "Data")
        {
            return;
        }

        if (field.Options == "Email" && !EmailAddress.IsValid(value) && value is not ("Administrator" or "Guest"))
        {
            throw FrappeErrors.Fail("InvalidEmailAddressError", $"{value} is not a valid Email Address");
        }

        if (field.Options == "Phone" && !PhonePattern().IsMatch(value))
        {
            throw FrappeErrors.Fail("InvalidPhoneNumberError", $"{value} is not a valid Phone Number");
        }
    }

    static void SelectOption(DocFieldMeta field, string value, int? rowIdx)
    {
        var options = field.SelectOptions;
        if (options.Count == 0 || options.Contains(value))
        {
            return;
        }

        var prefix = rowIdx is { } idx ? $"Row #{idx}:" : "";
        var allowed = string.Join(", ", options.Where(o => o.Length > 0).Select(o => $"\"{o}\""));
        throw FrappeErrors.Fail("ValidationError", $"{prefix} {field.DisplayLabel} cannot be \"{value}\". It should be one of {allowed}");
    }

    static void Length(DocTypeMeta meta, DocFieldMeta field, string value, string name)
    {
        if (field.MaxLength is { } max && value.Length > max && field.Fieldtype != "Select")
        {
            var message = $"{meta.Name} {name}: '<strong>{field.DisplayLabel}</strong>' ({value}) will get truncated, as max characters allowed is {max}";
            throw FrappeErrors.Fail("CharacterLengthExceededError", message, title: "Value too big");
        }
    }

    [GeneratedRegex(@"^[0-9 +_\-,.*#()]{1,20}$")]
    private static partial Regex PhonePattern();
}
