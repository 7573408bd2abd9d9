using FrappeSimulator.Documents;
using FrappeSimulator.Store;

namespace FrappeSimulator.Behaviours;

/// <summary>The controller hooks of one doctype, in the order Document.insert/save runs them.</summary>
interface IDocTypeBehaviour
{
    /// <summary>Before link validation (Frappe's _set_defaults / before_insert stage).</summary>
    void BeforeLinks(DocumentContext ctx)
    {
    }

    /// <summary>before_validate: derived fields.</summary>
    void BeforeValidate(DocumentContext ctx)
    {
    }

    /// <summary>validate / before_save: rules that may throw.</summary>
    void Validate(DocumentContext ctx)
    {
    }

    /// <summary>autoname for controller-named doctypes; runs under the table's write lock.</summary>
    string? ChooseName(DocumentContext ctx, DocTable table) => null;

    void AfterInsert(DocumentContext ctx)
    {
    }

    void AfterSave(DocumentContext ctx)
    {
    }
}
