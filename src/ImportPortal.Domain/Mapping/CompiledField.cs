using System.Globalization;
using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// One field, compiled: evaluates its value, checks it against the site's rules, and writes it into the body of
/// its stage, or records it as a reference (or, for Helpdesk 1.28+ memberships, as a membership).
/// </summary>
internal sealed class CompiledField(
    FieldMapping mapping,
    CompiledValue value,
    FieldRules rules,
    string? referencedDoctype,
    bool asMembership)
{
    public string Target { get; } = mapping.Target;

    public TargetPath Path { get; } = TargetPath.Parse(mapping.Target);

    public FieldStage Stage => mapping.Stage;

    public bool IsConstant => value.IsConstant;

    public bool IsReference => mapping.References is not null;

    public IEnumerable<string> Columns => value.Columns;

    public void Write(MappingScope scope, EntityBodies bodies, bool truncate)
    {
        scope.Field = Target;
        var result = value.Evaluate(scope);
        var text = result.IsNull ? "" : TextOf.Value(result);
        if (text.Length == 0 || (result.IsEmpty && !value.IsConstant))
        {
            if (rules.Required)
            {
                scope.Error(MappingProblemCodes.RequiredMissing);
            }

            return;
        }

        // An assignee is a user id as it is (the user's e-mail): the run finds the user it made, or sends the id as read.
        if (mapping.References is { } entity && Stage is not FieldStage.Assign and not FieldStage.Tags)
        {
            Reference(scope, bodies, entity, text);
            return;
        }

        var checkedText = Check(scope, text, truncate);
        if (checkedText is not null)
        {
            Path.Write(bodies.For(Stage), rules.Node(checkedText));
        }
    }

    private void Reference(MappingScope scope, EntityBodies bodies, EntityKind entity, string key)
    {
        if (asMembership)
        {
            scope.AddMembership(new EntityReference(entity, key, "contacts"));
            return;
        }

        scope.AddReference(new EntityReference(entity, key, Target, Stage));
        if (Stage != FieldStage.Insert)
        {
            // A PUT's body holds the key until the run writes the name in: the request is there, and shows what it names.
            Path.Write(bodies.For(Stage), JsonValue.Create(key));
        }

        if (Path.IsRowCell && Path.Leaf == "link_name" && referencedDoctype is not null)
        {
            Path.Sibling("link_doctype").Write(bodies.For(Stage), JsonValue.Create(referencedDoctype));
        }
    }

    // The text to write, corrected where the site would (option spelling, length), or null when it must not go.
    private string? Check(MappingScope scope, string text, bool truncate)
    {
        if (rules.Option(text, out var shown) is not { } option)
        {
            scope.Error(MappingProblemCodes.NotAnOption, text, shown);
            return null;
        }

        text = option;
        if (rules.IsEmail && !EmailAddress.IsValid(text) && !scope.Has(MappingProblemCodes.InvalidEmail))
        {
            scope.Error(MappingProblemCodes.InvalidEmail, text);
        }

        if (rules.MaxLength is { } max)
        {
            text = Fit(scope, text, max, truncate);
        }

        if (rules.LinkDoctype is { } doctype)
        {
            scope.AddLinkCheck(new FieldLinkCheck(Target, new LinkCheck(doctype, text)));
        }

        return text;
    }

    private static string Fit(MappingScope scope, string text, int max, bool truncate)
    {
        var fitted = FieldLength.Fit(text, max, out var length);
        if (length <= max)
        {
            return fitted;
        }

        var args = new[] { max.ToString(CultureInfo.InvariantCulture), length.ToString(CultureInfo.InvariantCulture) };
        if (truncate)
        {
            scope.Warn(MappingProblemCodes.Truncated, args);
            return fitted;
        }

        scope.Error(MappingProblemCodes.TooLong, args);
        return FieldLength.Normalize(text);
    }
}
