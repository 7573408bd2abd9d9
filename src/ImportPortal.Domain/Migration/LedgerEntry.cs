namespace ImportPortal.Domain.Migration;

/// <summary>
/// One line of the id ledger: this source key of this doctype is that Frappe document on the site. <see cref="Created"/>
/// says the portal created it (as opposed to adopting a document that was already there).
/// </summary>
public sealed record LedgerEntry(string Doctype, string SourceKey, string FrappeName, bool Created);

/// <summary>A ledger line as read back: <see cref="OwnRun"/> when the current run wrote it.</summary>
public sealed record LedgerHit(string FrappeName, bool Created, bool OwnRun);
