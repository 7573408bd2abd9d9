namespace ImportPortal.Domain.Mapping;

/// <summary>A <see cref="LinkCheck"/> and the field whose value it is.</summary>
public sealed record FieldLinkCheck(string Field, LinkCheck Check);
