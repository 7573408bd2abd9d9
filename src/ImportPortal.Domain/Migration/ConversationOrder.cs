using System.Globalization;
using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// The order in which a ticket's messages are sent, whatever order the source lists them in: by their time
/// (<c>communication_date</c>), then by source order. A message without a time (a private note) goes right after the
/// message before it in the source. Helpdesk shows a ticket's messages in the order they were created, and
/// <c>creation</c> cannot be set, so the sending order is the order the agents will read.
/// </summary>
/// <remarks>
/// The key packs whole seconds since 2000 (all of a run's times are in the site's zone, so they compare as they are)
/// above the source sequence: 32 bits of each, good until the year 2068 and four billion planned records.
/// </remarks>
public sealed class ConversationOrder
{
    public const string TimeField = "communication_date";

    private static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFF", "yyyy-MM-dd"];
    private readonly Dictionary<string, long> _lastSeconds = new(StringComparer.Ordinal);

    /// <summary>The sort key of one message of <paramref name="ticket"/>, planned as the <paramref name="sourceSequence"/>-th record.</summary>
    public long KeyOf(string ticket, JsonObject body, long sourceSequence)
    {
        ArgumentNullException.ThrowIfNull(body);
        long seconds;
        if (SecondsOf(body[TimeField]) is { } own)
        {
            seconds = own;
            _lastSeconds[ticket] = own;
        }
        else
        {
            seconds = _lastSeconds.GetValueOrDefault(ticket);
        }

        return (seconds << 32) | (sourceSequence & uint.MaxValue);
    }

    private static long? SecondsOf(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text)
        && DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? Math.Clamp((long)(at - Epoch).TotalSeconds, 0, int.MaxValue)
            : null;
}
