namespace FrappeSimulator.Store;

/// <summary>Documents sharing one value of the field that was checked.</summary>
public sealed record DuplicateGroup(string Value, IReadOnlyList<string> Names);
