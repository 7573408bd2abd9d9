namespace ImportPortal.Domain.Frappe;

/// <summary>What an operator (and the import loop) can do about a failed Frappe call.</summary>
public enum FrappeErrorKind
{
    /// <summary>Rate limit, deadlock, proxy page, connection failure before sending: safe to try again later.</summary>
    Transient,

    /// <summary>The data is wrong (417 validation errors): retrying the same payload will fail the same way.</summary>
    DataError,

    /// <summary>The document already exists (409 DuplicateEntryError, 417 UniqueValidationError): adopt it, do not create it.</summary>
    Duplicate,

    /// <summary>The site refused the key or the user lacks a permission (401, 403).</summary>
    AuthOrPermission,

    /// <summary>The document or doctype does not exist (404).</summary>
    NotFound,

    /// <summary>The request may have reached the server and been applied, but no answer came back: look it up before sending again.</summary>
    UnknownFate,

    /// <summary>A server error we cannot classify further.</summary>
    ServerError,
}
