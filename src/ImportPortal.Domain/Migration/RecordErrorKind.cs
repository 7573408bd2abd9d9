namespace ImportPortal.Domain.Migration;

/// <summary>Why a record failed, in the words the error list filters by.</summary>
public enum RecordErrorKind
{
    /// <summary>The mapping found an error in the source row (missing key, bad e-mail, ...).</summary>
    Mapping,

    /// <summary>A record this one refers to (its contact, its ticket, an earlier message) has not succeeded.</summary>
    Dependency,

    /// <summary>Frappe refused the data (417): fix the row or the payload, then retry.</summary>
    Data,

    /// <summary>The site refused the key or a permission (401/403).</summary>
    Permission,

    NotFound,

    /// <summary>The site kept failing or rate-limiting after every retry; retrying later may succeed.</summary>
    Transient,

    /// <summary>A send may have created the document, and nothing on the site can tell (no external-id field, no natural key).</summary>
    UnknownFate,

    Server,
}
