using System.Text;
using ImportPortal.Domain.Sources;

namespace ImportPortal.Domain.Mapping;

/// <summary>A template split once into literal text and column slots: <c>{Subject} (#{Ticket ID})</c>; <c>{{</c> and <c>}}</c> are braces.</summary>
internal sealed class CompiledTemplate
{
    [ThreadStatic]
    private static StringBuilder? cachedBuilder;

    private readonly (string? Literal, ColumnSlot? Column)[] parts;

    public CompiledTemplate(string template)
    {
        var list = new List<(string?, ColumnSlot?)>();
        var literal = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                literal.Append(c);
                i++;
            }
            else if (c == '{' && template.IndexOf('}', i + 1) is var close and > 0)
            {
                Flush(list, literal);
                list.Add((null, new ColumnSlot(template[(i + 1)..close])));
                i = close;
            }
            else
            {
                literal.Append(c);
            }
        }

        Flush(list, literal);
        parts = [.. list];
    }

    public IEnumerable<string> Columns => parts.Where(p => p.Column is not null).Select(p => p.Column!.Name);

    public string Render(SourceRecord record, MappingScope scope)
    {
        var sb = cachedBuilder ??= new StringBuilder();
        sb.Clear();
        foreach (var (literal, column) in parts)
        {
            if (column is null)
            {
                sb.Append(literal);
            }
            else if (column.Exists(record))
            {
                sb.Append(TextOf.Value(column.Read(record)).AsSpan().Trim());
            }
            else
            {
                scope.Warn(MappingProblemCodes.ColumnMissing, column.Name);
            }
        }

        return sb.ToString();
    }

    private static void Flush(List<(string?, ColumnSlot?)> list, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            list.Add((literal.ToString(), null));
            literal.Clear();
        }
    }
}
