namespace FrappeSimulator.Documents;

/// <summary>Values of the standard fields for one save.</summary>
sealed record StandardStamp(string Owner, string Creation, string Modified, string ModifiedBy, int Idx);
