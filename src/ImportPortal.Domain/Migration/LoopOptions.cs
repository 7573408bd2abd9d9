namespace ImportPortal.Domain.Migration;

/// <summary>
/// How the loop runs: which stages, whether it writes at all, how many records it works on at once (the ceiling;
/// the site's adaptive limiter decides how many requests are really in flight), and how it retries.
/// </summary>
public sealed record LoopOptions
{
    public IReadOnlySet<RunStage> Stages { get; init; } = RunStages.All.ToHashSet();

    public bool DryRun { get; init; }

    public int Workers { get; init; } = 16;

    /// <summary>
    /// What the run does before each stage starts (a quiet run disables the assignment rules of the teams it has just
    /// made); a failure stops the run like a refusal of the site.
    /// </summary>
    public Func<RunStage, CancellationToken, Task>? BeforeStageAsync { get; init; }

    public ExistingMode Existing { get; init; } = ExistingMode.Skip;

    /// <summary>Fetches the files of the attachments stage from their links; none: an attachment fails, saying so.</summary>
    public IAttachmentSource? Attachments { get; init; }

    /// <summary>Records claimed per database round trip.</summary>
    public int ClaimBatch { get; init; } = 200;

    /// <summary>Sends of one record that end transiently before it is failed (each already retried by the HTTP layer where safe).</summary>
    public int MaxSends { get; init; } = 4;

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the loop waits out a site that does not answer its lookups (down, restarting, behind a 502) before the
    /// run stops as failed. Nothing is lost meanwhile: the claimed records wait, and a stop request still ends the wait.
    /// </summary>
    public TimeSpan OutagePatience { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1-based): doubling from the first delay, capped, with half
    /// of it random so records that failed together (a 429 storm, a deadlock burst) do not all come back together; never
    /// shorter than the site's Retry-After (itself capped).
    /// </summary>
    public TimeSpan RetryDelay(int retry, TimeSpan? retryAfter)
    {
        var backoff = FirstRetryDelay * Math.Pow(2, Math.Max(0, retry - 1));
        backoff = backoff < MaxRetryDelay ? backoff : MaxRetryDelay;
        var jittered = backoff * (0.5 + (Random.Shared.NextDouble() / 2));
        var wait = retryAfter is { } after && after > jittered ? after : jittered;
        return wait < MaxRetryDelay ? wait : MaxRetryDelay;
    }

    /// <summary>
    /// Doctypes whose new documents go to the site several at a time (<c>frappe.client.insert_many</c>) instead of one
    /// POST each. Worth it only where the site inserts a batch faster than single posts: measured on Frappe 15 with
    /// 100 documents, HD Customer 7× and HD Ticket 1.4–1.7× faster, Contact 2× slower.
    /// </summary>
    public IReadOnlySet<string> BatchDoctypes { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Documents per <c>insert_many</c> (the site takes at most 200; a batch is one transaction on the site). The run
    /// sets it from Portal:Runs:InsertManySize; the default is the same.
    /// </summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>
    /// User inserts in any <see cref="UserCreationWindow"/>: Frappe's <c>throttle_user_limit</c>, 60 unless the site's
    /// config says otherwise (<see cref="UserCreationPace"/>). Zero: no pacing (a refusal still makes the run wait).
    /// </summary>
    public int UserCreationsPerMinute { get; init; } = 60;

    /// <summary>The window of Frappe's user throttle: a minute there; tests shorten it.</summary>
    public TimeSpan UserCreationWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Throttle refusals of one user in a row before the record fails (each followed by a window's wait).</summary>
    public int MaxThrottleRefusals { get; init; } = 5;

    /// <summary>Outcomes are written in batches of this many, or after <see cref="FlushInterval"/>.</summary>
    public int FlushSize { get; init; } = 250;

    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(300);
}
