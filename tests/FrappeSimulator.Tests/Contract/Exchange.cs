namespace FrappeSimulator.Tests.Contract;

/// <summary>What the simulator answered to one replayed request.</summary>
public sealed record Exchange(int Status, string? ContentType, string Body);
