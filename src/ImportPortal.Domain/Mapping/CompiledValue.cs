using ImportPortal.Domain.Sources;

namespace ImportPortal.Domain.Mapping;

/// <summary>A field's origin and transforms, compiled: reads the record and returns the final value.</summary>
internal sealed class CompiledValue
{
    private readonly FieldOrigin origin;
    private readonly ColumnSlot[] columns;
    private readonly CompiledTemplate? template;
    private readonly string constant;
    private readonly CompiledStep[] steps;

    public CompiledValue(FieldMapping mapping, CompiledStep[] steps)
    {
        origin = mapping.Origin;
        constant = mapping.Value;
        this.steps = steps;
        columns = origin switch
        {
            FieldOrigin.Column => [new ColumnSlot(mapping.Value)],
            FieldOrigin.FirstNonEmpty => [.. mapping.Value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(c => new ColumnSlot(c))],
            _ => [],
        };
        template = origin == FieldOrigin.Template ? new CompiledTemplate(mapping.Value) : null;
    }

    public bool IsConstant => origin == FieldOrigin.Constant;

    public bool WantsNumber => steps.Any(s => s.Kind == TransformKind.Number);

    public IEnumerable<string> Columns => template?.Columns ?? columns.Select(c => c.Name);

    public SourceValue Evaluate(MappingScope scope)
    {
        var value = Read(scope);
        foreach (var step in steps)
        {
            value = step.Apply(value, scope);
        }

        return value;
    }

    private SourceValue Read(MappingScope scope)
    {
        switch (origin)
        {
            case FieldOrigin.Column:
                return columns[0].Read(scope.Record);
            case FieldOrigin.FirstNonEmpty:
                foreach (var column in columns)
                {
                    var value = column.Read(scope.Record);
                    if (!value.IsEmpty)
                    {
                        return value;
                    }
                }

                return SourceValue.Null;
            case FieldOrigin.Template:
                return new SourceValue(template!.Render(scope.Record, scope));
            case FieldOrigin.ParentKey:
                return new SourceValue(scope.ParentKey);
            default:
                return new SourceValue(constant);
        }
    }
}
