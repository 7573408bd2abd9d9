using System.Text.RegularExpressions;
using ImportPortal.Tests.Unit.Infrastructure;

namespace ImportPortal.Tests.Unit.Localization;

/// <summary>
/// Every text the code formats gets an argument for each of its placeholders: a text that gained a <c>{1}</c> while a
/// page still passes one argument throws when that page renders, in whichever language.
/// </summary>
public sealed partial class ResourceArgumentTests
{
    // The names the code gives its localizers, and the resources behind them.
    private static readonly Dictionary<string, string> Localizers = new(StringComparer.Ordinal)
    {
        ["L"] = "SharedResource", ["strings"] = "SharedResource",
        ["R"] = "RunResource", ["RunTexts"] = "RunResource",
        ["M"] = "MappingResource", ["P"] = "PreflightResource", ["S"] = "SourceResource",
    };

    [Fact]
    public void Every_formatted_text_gets_as_many_arguments_as_it_has_placeholders()
    {
        var uses = Uses().ToList();
        // Guards against a scan that silently finds nothing: the pages format about a hundred texts.
        Assert.True(uses.Count(u => u.Arguments > 0) > 50, $"only {uses.Count(u => u.Arguments > 0)} formatted uses found: the scan is broken");

        var wrong = (
            from use in uses
            let texts = Texts(use.Resource)
            where texts.ContainsKey(use.Key)
            let needed = Math.Max(Needed(texts[use.Key]), Needed(Texts(use.Resource + ".vi")[use.Key]))
            where use.Arguments < needed
            select $"{use.File}: {use.Key} gets {use.Arguments} argument(s), its text has {needed} placeholder(s)").ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void The_argument_count_reads_nested_calls_strings_and_interpolations()
    {
        var sample = """
            @R["A.One"] @R["A.Two", run.Number, R[$"State.{state}"], Format(a, b)]
            @L["A.Three", $"{(x ? "a, b" : "c")}", 'x', ',', "N0, x", new[] { 1, 2 }]
            """;
        Assert.Equal([("A.One", 0), ("A.Two", 3), ("A.Three", 5)], Scan(sample).Select(u => (u.Key, u.Arguments)));
    }

    private static readonly Dictionary<string, Dictionary<string, string>> Loaded = [];

    private static Dictionary<string, string> Texts(string resource)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(resource, out var texts))
            {
                Loaded[resource] = texts = ResourceFile.Load(resource + ".resx");
            }

            return texts;
        }
    }

    private static int Needed(string text) => Placeholder().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();

    private sealed record Use(string File, string Resource, string Key, int Arguments);

    private static IEnumerable<Use> Uses() =>
        from file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src", "ImportPortal"), "*.*", SearchOption.AllDirectories)
        where file.EndsWith(".razor", StringComparison.Ordinal) || file.EndsWith(".cs", StringComparison.Ordinal)
        where !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        from use in Scan(File.ReadAllText(file))
        select use with { File = Path.GetFileName(file) };

    private static IEnumerable<Use> Scan(string source)
    {
        foreach (Match m in Indexer().Matches(source))
        {
            if (Localizers.TryGetValue(m.Groups[1].Value, out var resource))
            {
                yield return new Use("", resource, m.Groups[2].Value, CountArguments(source, m.Index + m.Length));
            }
        }
    }

    /// <summary>Arguments after the key, up to the indexer's closing bracket: commas outside brackets, calls, strings and characters.</summary>
    private static int CountArguments(string source, int at)
    {
        if (source[at] == ']')
        {
            return 0;
        }

        var arguments = 1;
        var depth = 0;
        for (var i = at + 1; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '"':
                    i = SkipString(source, i, interpolated: i > 0 && source[i - 1] == '$');
                    break;
                case '\'':
                    i = source.IndexOf('\'', source[i + 1] == '\\' ? i + 3 : i + 2);
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ']' when depth == 0:
                    return arguments;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    arguments++;
                    break;
            }
        }

        throw new InvalidOperationException($"unclosed indexer at {at}");
    }

    /// <summary>The index of the quote that ends the string opening at <paramref name="open"/>; holes of an interpolated one may hold strings.</summary>
    private static int SkipString(string source, int open, bool interpolated)
    {
        var holes = 0;
        for (var i = open + 1; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '\\':
                    i++;
                    break;
                case '{' when interpolated && source[i + 1] == '{' && holes == 0:
                    i++;
                    break;
                case '{' when interpolated:
                    holes++;
                    break;
                case '}' when holes > 0:
                    holes--;
                    break;
                case '"' when holes > 0:
                    i = SkipString(source, i, interpolated: source[i - 1] == '$');
                    break;
                case '"':
                    return i;
            }
        }

        throw new InvalidOperationException($"unclosed string at {open}");
    }

    [GeneratedRegex("""\b(L|R|M|P|S|RunTexts|strings)\["([A-Za-z]+\.[A-Za-z0-9.]+)"(?=[,\]])""")]
    private static partial Regex Indexer();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
