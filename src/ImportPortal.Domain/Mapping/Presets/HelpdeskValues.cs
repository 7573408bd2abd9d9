namespace ImportPortal.Domain.Mapping.Presets;

/// <summary>How Freshdesk's statuses and priorities land in a stock Helpdesk (statuses Open, Replied, Resolved, Closed; priorities Low..Urgent).</summary>
public static class HelpdeskValues
{
    /// <summary>Freshdesk status names and API codes (2 Open, 3 Pending, 4 Resolved, 5 Closed) to Helpdesk statuses; Pending waits on the customer, Helpdesk's "Replied".</summary>
    public static IReadOnlyDictionary<string, string> Statuses { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Open"] = "Open", ["Pending"] = "Replied", ["Resolved"] = "Resolved", ["Closed"] = "Closed",
        ["Waiting on Customer"] = "Replied", ["Waiting on Third Party"] = "Replied",
        ["2"] = "Open", ["3"] = "Replied", ["4"] = "Resolved", ["5"] = "Closed",
        ["Mở"] = "Open", ["Đang chờ"] = "Replied", ["Đã giải quyết"] = "Resolved", ["Đã đóng"] = "Closed",
    };

    /// <summary>Freshdesk priority names and API codes (1 Low .. 4 Urgent).</summary>
    public static IReadOnlyDictionary<string, string> Priorities { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Low"] = "Low", ["Medium"] = "Medium", ["High"] = "High", ["Urgent"] = "Urgent",
        ["1"] = "Low", ["2"] = "Medium", ["3"] = "High", ["4"] = "Urgent",
        ["Thấp"] = "Low", ["Trung bình"] = "Medium", ["Cao"] = "High", ["Khẩn cấp"] = "Urgent",
    };

    /// <summary>A note's or conversation's <c>incoming</c> flag to Communication's <c>sent_or_received</c>.</summary>
    public static IReadOnlyDictionary<string, string> Direction { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["true"] = "Received", ["1"] = "Received", ["false"] = "Sent", ["0"] = "Sent",
    };

    public static IReadOnlyList<string> True { get; } = ["true", "1", "yes"];
}
