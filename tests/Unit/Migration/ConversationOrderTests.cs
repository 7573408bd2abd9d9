using System.Text.Json.Nodes;
using ImportPortal.Domain.Migration;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>A ticket's messages are sent in their time order, whatever order the source lists them in.</summary>
public sealed class ConversationOrderTests
{
    private static JsonObject At(string? time) => time is null ? new JsonObject { ["content"] = "Ghi chú nội bộ" } : new JsonObject { ["communication_date"] = time };

    [Fact]
    public void Messages_listed_newest_first_sort_oldest_first_and_equal_times_keep_the_source_order()
    {
        var order = new ConversationOrder();
        var keys = new[]
        {
            ("c", order.KeyOf("t1", At("2024-03-02 09:15:00"), 1)),
            ("b2", order.KeyOf("t1", At("2024-03-01 18:40:00.250000"), 2)),
            ("b1", order.KeyOf("t1", At("2024-03-01 18:40:00"), 3)),
            ("a", order.KeyOf("t1", At("2024-03-01 06:00:00"), 4)),
        };

        Assert.Equal(["a", "b2", "b1", "c"], keys.OrderBy(k => k.Item2).Select(k => k.Item1));
    }

    [Fact]
    public void A_message_without_a_time_goes_right_after_the_one_before_it_in_the_source_and_tickets_do_not_mix()
    {
        var order = new ConversationOrder();
        var keys = new[]
        {
            ("reply 2", order.KeyOf("t1", At("2024-03-01 12:00:00"), 1)),
            ("note after reply 2", order.KeyOf("t1", At(null), 2)),
            ("reply 1", order.KeyOf("t1", At("2024-03-01 08:00:00"), 3)),
            ("other ticket's note", order.KeyOf("t2", At(null), 4)),
            ("reply 3", order.KeyOf("t1", At("2024-03-01 12:00:01"), 5)),
        };

        Assert.Equal(["reply 1", "reply 2", "note after reply 2", "reply 3"], keys.Where(k => k.Item1 != "other ticket's note").OrderBy(k => k.Item2).Select(k => k.Item1));
        Assert.True(keys.Single(k => k.Item1 == "other ticket's note").Item2 < keys.Min(k => k.Item1 == "other ticket's note" ? long.MaxValue : k.Item2), "a ticket with no time yet starts at zero");
    }

    [Fact]
    public void An_unreadable_time_is_treated_as_no_time()
    {
        var order = new ConversationOrder();
        var first = order.KeyOf("t1", At("2024-03-01 08:00:00"), 1);

        var unreadable = order.KeyOf("t1", At("hôm qua"), 2);

        Assert.True(unreadable > first && unreadable - first == 1, $"{first} then {unreadable}");
    }
}
