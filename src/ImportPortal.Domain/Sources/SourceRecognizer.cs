namespace ImportPortal.Domain.Sources;

/// <summary>
/// Recognises Freshdesk exports by their headers (the rules in <see cref="Signatures"/>; add one to recognise
/// another export, e.g. with translated headers) and the account-export ZIP by its tables.
/// </summary>
public static class SourceRecognizer
{
    public static IReadOnlyList<HeaderSignature> Signatures { get; } =
    [
        new(SourceKind.FreshdeskTicketExport,
            ["Ticket ID", "Subject", "Status", "Priority"],
            ["Description", "Source", "Type", "Company", "Requester name", "Requester email", "Requester phone", "Agent", "Group",
             "Created time", "Due by time", "Resolved time", "Closed time", "Last update time", "Initial response time",
             "Time tracked", "First response time (in hrs)", "Resolution time (in hrs)", "Agent interactions",
             "Customer interactions", "Resolution status", "First response status", "Tags", "Survey results", "Product"],
            MinScore: 0.25),
        new(SourceKind.FreshdeskContacts,
            ["Full name", "Email"],
            ["Title", "Work phone", "Mobile phone", "Twitter", "Unique external ID", "Company", "Address", "Time zone", "Language", "Tags", "About"]),
        new(SourceKind.FreshdeskCompanies,
            ["Company Name"],
            ["Description", "Notes", "Domains for this company", "Health score", "Account tier", "Renewal date", "Industry"]),
        new(SourceKind.FreshdeskApiJson,
            ["id", "subject", "status", "priority"],
            ["description", "description_text", "source", "type", "requester_id", "responder_id", "group_id", "company_id",
             "cc_emails", "tags", "due_by", "created_at", "updated_at", "fr_due_by", "is_escalated"]),
        new(SourceKind.FreshdeskApiJson,
            ["id", "name", "email"],
            ["phone", "mobile", "unique_external_id", "other_emails", "company_id", "job_title", "language", "time_zone", "tags", "created_at", "active"],
            MinScore: 0.5),
        new(SourceKind.FreshdeskApiJson,
            ["id", "name", "domains"],
            ["description", "note", "industry", "created_at", "updated_at", "health_score", "account_tier"],
            MinScore: 0.5),
    ];

    public static SourceRecognition Recognize(SourceFormat format, IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(headers);
        if (format.Kind == SourceFileKind.Zip && format.Tables.Count > 0)
        {
            return new SourceRecognition(SourceKind.FreshdeskAccountExport, 1, []);
        }

        // JSON columns are dotted paths: "custom_fields.cf_x" belongs to "custom_fields".
        var normalized = headers.SelectMany(h => new[] { h, h.Split('.')[0] }).Select(HeaderSignature.Normalize).ToHashSet(StringComparer.Ordinal);
        var json = format.Kind is SourceFileKind.Json or SourceFileKind.Ndjson;
        var best = Signatures
            .Where(s => (s.Kind == SourceKind.FreshdeskApiJson) == json)
            .Select(s => (Signature: s, Score: s.Score(normalized)))
            .Where(m => m.Score > 0 && m.Score >= m.Signature.MinScore)
            .OrderByDescending(m => m.Score * (m.Signature.Required.Count + m.Signature.Optional.Count))
            .FirstOrDefault();
        if (best.Signature is null)
        {
            return new SourceRecognition(SourceKind.Generic, 0, headers);
        }

        var known = best.Signature.Required.Concat(best.Signature.Optional).Select(HeaderSignature.Normalize).ToHashSet(StringComparer.Ordinal);
        return new SourceRecognition(best.Signature.Kind, best.Score, [.. headers.Where(h => !known.Contains(HeaderSignature.Normalize(h.Split('.')[0])))]);
    }
}
