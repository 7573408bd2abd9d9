namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A note of a generated ticket: public ones become Communications (Received when incoming), private ones HD Ticket Comments.</summary>
public sealed record ExportNote(long Id, string Body, bool Private, bool Incoming, long UserId, DateTimeOffset CreatedAt);
