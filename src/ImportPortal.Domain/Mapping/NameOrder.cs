namespace ImportPortal.Domain.Mapping;

/// <summary>How a full name is written: Vietnamese puts the family name first ("Nguyễn Văn Anh"), Western last ("John Smith").</summary>
public enum NameOrder
{
    Vietnamese,
    Western,
}
