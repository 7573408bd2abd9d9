namespace ImportPortal.Domain.Mapping;

/// <summary>A warning lets the record go as shown (a value cut to length); an error means the site would refuse it.</summary>
public enum MappingSeverity
{
    Warning,
    Error,
}
