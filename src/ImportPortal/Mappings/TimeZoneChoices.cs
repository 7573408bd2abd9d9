namespace ImportPortal.Mappings;

/// <summary>The IANA time zones this machine knows, for the profile's source and site zones, searched by any part of the name.</summary>
public static class TimeZoneChoices
{
    private static readonly Lazy<IReadOnlyList<string>> Zones = new(() =>
        TimeZoneInfo.GetSystemTimeZones()
            .Select(z => z.HasIanaId ? z.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : null)
            .OfType<string>()
            .Append("UTC")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList());

    public static IReadOnlyList<string> All => Zones.Value;

    public static IEnumerable<string> Search(string? text) =>
        string.IsNullOrWhiteSpace(text) ? All : All.Where(z => z.Contains(text.Trim().Replace(' ', '_'), StringComparison.OrdinalIgnoreCase));
}
