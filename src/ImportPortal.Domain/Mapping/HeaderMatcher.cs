using System.Globalization;
using System.Text;
using FuzzySharp;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Suggests target fields for the headers of a generic file by fuzzy matching against the field's label, its
/// fieldname and <see cref="HeaderSynonyms"/>, with accents folded ("Tiêu đề" = "tieu de"). Suggestions only: the
/// operator confirms them, and <see cref="Assign"/> picks one header per field.
/// </summary>
public static class HeaderMatcher
{
    private static readonly HashSet<string> SkippedTypes = new(StringComparer.Ordinal) { "Table", "Table MultiSelect", "Attach", "Attach Image", "Password" };

    public static IReadOnlyList<HeaderCandidate> Suggest(IReadOnlyList<string> headers, DocTypeMeta meta, int minScore = 70, int perHeader = 3)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(meta);
        var labels = Labels(meta);
        var result = new List<HeaderCandidate>();
        foreach (var header in headers)
        {
            var folded = Fold(header);
            if (folded.Length == 0)
            {
                continue;
            }

            result.AddRange(labels
                .Select(l => (Label: l, Score: Score(folded, l.Folded)))
                .Where(x => x.Score >= minScore)
                .GroupBy(x => x.Label.Field.Fieldname)
                .Select(g => g.MaxBy(x => x.Score))
                .OrderByDescending(x => x.Score)
                .Take(perHeader)
                .Select(x => new HeaderCandidate(header, x.Label.Field.Fieldname, x.Score, x.Label.Text, Propose(header, x.Label.Field))));
        }

        return result;
    }

    /// <summary>The best header for each field and the best field for each header, highest scores first.</summary>
    public static IReadOnlyList<HeaderCandidate> Assign(IEnumerable<HeaderCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var headers = new HashSet<string>(StringComparer.Ordinal);
        var fields = new HashSet<string>(StringComparer.Ordinal);
        return candidates.OrderByDescending(c => c.Score).Where(c => !headers.Contains(c.Header) && !fields.Contains(c.Field) && headers.Add(c.Header) && fields.Add(c.Field)).ToList();
    }

    /// <summary>Lower case, accents and đ folded, punctuation as spaces: "Email (khách hàng)" → "email khach hang".</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var folded = c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c);
            sb.Append(char.IsLetterOrDigit(folded) ? folded : ' ');
        }

        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>How alike a header and a name are, 0–100, both folded: 100 only when they fold to the same text.</summary>
    public static int Similarity(string header, string name) => Score(Fold(header), Fold(name));

    private static int Score(string header, string label) =>
        header == label ? 100 : Math.Min(99, Math.Max(Fuzz.Ratio(header, label), Fuzz.TokenSortRatio(header, label) - 5));

    private static List<(DocFieldMeta Field, string Text, string Folded)> Labels(DocTypeMeta meta)
    {
        var synonyms = HeaderSynonyms.ByDoctype.GetValueOrDefault(meta.Name);
        var labels = new List<(DocFieldMeta, string, string)>();
        foreach (var field in meta.Fields.Where(f => f.HoldsData && !SkippedTypes.Contains(f.Fieldtype)))
        {
            var texts = new[] { field.Fieldname, field.Fieldname.Replace('_', ' '), field.Label ?? "" }.Concat(synonyms?.GetValueOrDefault(field.Fieldname) ?? []);
            labels.AddRange(texts.Where(t => t.Length > 0).Distinct().Select(t => (field, t, Fold(t))));
        }

        return labels;
    }

    /// <summary>A field mapping from a header with the transforms the field's type asks for; also for a header the operator chose by hand.</summary>
    public static FieldMapping Propose(string header, DocFieldMeta field)
    {
        ArgumentNullException.ThrowIfNull(field);
        TransformStep[] steps = field.Fieldtype switch
        {
            "Date" => [new(TransformKind.Date)],
            "Time" => [new(TransformKind.Time)],
            "Datetime" => [new(TransformKind.DateTime)],
            "Text Editor" or "Long Text" or "Text" or "Small Text" or "HTML Editor" => [],
            // A message's recipients and copies: several addresses, one that Frappe refuses left out.
            _ when field.Fieldname is "recipients" or "cc" or "bcc" => [new(TransformKind.EmailList)],
            _ when field.Options == "Email" || field.Fieldname is "email_id" or "raised_by" => [new(TransformKind.Trim), new(TransformKind.Email), new(TransformKind.Lower)],
            _ when field.Fieldname == "first_name" && !Fold(header).Equals("ten", StringComparison.Ordinal) => [new(TransformKind.Trim), new(TransformKind.FirstName)],
            _ => [new(TransformKind.Trim)],
        };
        return new FieldMapping(field.Fieldname, FieldOrigin.Column, header, steps);
    }
}
