namespace ImportPortal.Domain.Mapping;

/// <summary>
/// A suggested target field for a source header, for the operator to confirm: the score (0-100), the label it
/// matched, and a ready field mapping with the transforms the field's type asks for (dates in the source zone, e-mails checked).
/// </summary>
public sealed record HeaderCandidate(string Header, string Field, int Score, string MatchedLabel, FieldMapping Proposal);
