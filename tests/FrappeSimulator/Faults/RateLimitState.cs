namespace FrappeSimulator.Faults;

/// <summary>The budget after one request: what the X-RateLimit-* headers report.</summary>
readonly record struct RateLimitState(int Limit, int Remaining, int ResetSeconds, bool Exceeded);
