using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace ImportPortal.Bench;

/// <summary>
/// What an import's sending allocates, by type: the runtime's allocation ticks (one about every 100 KB allocated,
/// naming the type that crossed it), counted while <see cref="Counting"/> is on. A sample, not an exact account.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private static readonly ConcurrentDictionary<string, long> Bytes = new(StringComparer.Ordinal);

    public static bool Counting { get; set; }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!Counting || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null)
        {
            return;
        }

        var type = eventData.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t]?.ToString() ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], CultureInfo.InvariantCulture) : 100_000;
        Bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }

    public void Report()
    {
        var total = Bytes.Values.Sum();
        if (total == 0)
        {
            return;
        }

        Bench.Report.Line("allocations", $"{total / 1e6:F0} MB sampled while sending, by type:");
        foreach (var (type, bytes) in Bytes.OrderByDescending(p => p.Value).Take(25))
        {
            Bench.Report.Line("allocations", $"{bytes * 100.0 / total,5:F1}% {bytes / 1e6,8:F1} MB  {type}");
        }
    }
}
