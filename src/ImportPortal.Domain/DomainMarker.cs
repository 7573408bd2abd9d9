namespace ImportPortal.Domain;

/// <summary>Anchors the Domain assembly for scanning and tests.</summary>
public static class DomainMarker;
