using System.Text.RegularExpressions;
using ImportPortal.Components.Shared;
using ImportPortal.Tests.Unit.Infrastructure;

namespace ImportPortal.Tests.Unit.Architecture;

/// <summary>
/// The portal shows every time in the operators' zone (Asia/Ho_Chi_Minh) through <see cref="DisplayTime"/>, and the
/// mapping reads source times in the zone the profile states. The server runs in UTC (the Docker image, most hosts), so
/// a time read in the server's own zone is seven hours off beside them.
/// </summary>
public sealed partial class DisplayedTimeTests
{
    [Theory]
    [InlineData("ImportPortal")]
    [InlineData("ImportPortal.Domain")]
    public void No_page_service_or_mapping_reads_a_time_in_the_servers_own_zone(string project)
    {
        var source = Path.Combine(RepositoryRoot.Path, "src", project);
        var offenders = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(source, f), Line: i + 1, Text: line)))
            .Where(l => ServerZone().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "use DisplayTime instead:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void A_utc_time_is_shown_in_ho_chi_minh_time()
    {
        var at = new DateTimeOffset(2026, 11, 30, 0, 16, 42, TimeSpan.Zero);

        Assert.Equal("2026-11-30 07:16", DisplayTime.Format(at));
        Assert.Equal("2026-11-30 07:16:42", DisplayTime.FormatSeconds(at));
    }

    [GeneratedRegex(@"\.ToLocalTime\(\)|GetLocalNow\(\)|\bDateTime(Offset)?\.Now\b|TimeZoneInfo\.Local\b")]
    private static partial Regex ServerZone();
}
