namespace ImportPortal.Mappings;

/// <summary>A whole-source validation of a profile against a site: which uploads, how far it got, and what it found.</summary>
public sealed class SourceValidation
{
    public Guid Id { get; set; }

    public Guid ProfileId { get; set; }

    public Guid SiteId { get; set; }

    /// <summary>The profile tables and the uploads bound to them, as JSON.</summary>
    public required string BindingsJson { get; set; }

    public ValidationState State { get; set; }

    public double Progress { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>The <see cref="Domain.Mapping.ValidationReport"/> as JSON, once done.</summary>
    public string? SummaryJson { get; set; }

    /// <summary>Why it stopped, when it failed (already in words the operator can act on).</summary>
    public string? Error { get; set; }

    /// <summary>The portal's sentence behind <see cref="Error"/> (<see cref="Domain.Migration.PortalTextJson"/>), shown in the reader's language; null when the error is the site's.</summary>
    public string? ErrorText { get; set; }
}

/// <summary>Where a validation is.</summary>
public enum ValidationState
{
    Queued,
    Running,
    Done,
    Failed,
}

/// <summary>A moment of a validation, as open pages hear of it.</summary>
public sealed record ValidationProgress(Guid ValidationId, ValidationState State, double Progress);
