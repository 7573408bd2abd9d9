namespace ImportPortal.Domain.Sources;

/// <summary>
/// One column of a profiled source: the share of empty cells (0..1), an estimate of distinct non-empty values
/// (exact up to a few hundred, HyperLogLog beyond), the first distinct non-empty samples, and the detected type.
/// </summary>
public sealed record ColumnProfile(string Name, double EmptyShare, long DistinctEstimate, IReadOnlyList<string> Samples, ColumnType DetectedType);
