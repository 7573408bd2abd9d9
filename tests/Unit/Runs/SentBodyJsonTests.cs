using System.Text.Json.Nodes;
using ImportPortal.Runs;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A record's last sent body, kept as its differences from the insert it was made from, reads back as it went.</summary>
public sealed class SentBodyJsonTests
{
    private static JsonObject Planned() => new()
    {
        ["subject"] = "Không đăng nhập được vào trang quản trị Haravan",
        ["description"] = "<p>Chào anh/chị, em không đăng nhập được từ sáng nay.</p>",
        ["raised_by"] = "nguyen.thi.minh.anh@example.vn",
        ["priority"] = "High",
        ["opening_date"] = "2024-03-01",
        ["opening_time"] = "09:00:00",
        ["custom_source_id"] = "1042",
    };

    [Fact]
    public void A_body_with_its_references_written_in_keeps_only_the_references_and_reads_back_whole()
    {
        var planned = Planned();
        var sent = (JsonObject)planned.DeepClone();
        sent["customer"] = "Công ty TNHH Hoa Sen";
        sent["contact"] = "Nguyễn Thị Minh Anh-1";

        var kept = ToText(sent, planned);

        Assert.Equal("""{"$changes":{"customer":"Công ty TNHH Hoa Sen","contact":"Nguyễn Thị Minh Anh-1"}}""", JsonNode.Parse(kept)!.ToJsonString(Unescaped));
        Assert.True(JsonNode.DeepEquals(sent, SentBodyJson.Read(kept, planned)));
    }

    [Fact]
    public void The_planned_body_sent_as_it_is_keeps_no_field()
    {
        var planned = Planned();

        var kept = ToText(planned, planned);

        Assert.Equal("""{"$changes":{}}""", kept);
        Assert.True(JsonNode.DeepEquals(planned, SentBodyJson.Read(kept, planned)));
    }

    [Fact]
    public void A_changed_a_removed_and_a_null_field_read_back_as_sent()
    {
        var planned = Planned();
        planned["links"] = new JsonArray(new JsonObject { ["link_doctype"] = "HD Customer", ["link_name"] = "Hoa Sen" });
        var sent = (JsonObject)planned.DeepClone();
        sent["priority"] = "Urgent";
        sent.Remove("opening_time");
        sent["ticket_type"] = null;
        ((JsonObject)sent["links"]![0]!)["link_name"] = "Công ty TNHH Hoa Sen";

        var kept = ToText(sent, planned);
        var read = SentBodyJson.Read(kept, planned)!;

        Assert.True(JsonNode.DeepEquals(sent, read), read.ToJsonString());
        Assert.False(read.ContainsKey("opening_time"));
        Assert.True(read.ContainsKey("ticket_type"));
        Assert.Contains("\"$removed\":[\"opening_time\"]", kept, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_differs_more_than_it_repeats_is_kept_whole()
    {
        var planned = Planned();
        var status = new JsonObject { ["status"] = "Closed", ["resolution_date"] = "2024-03-03 09:00:00" };

        var kept = ToText(status, planned);

        Assert.True(JsonNode.DeepEquals(status, JsonNode.Parse(kept)));
        Assert.True(JsonNode.DeepEquals(status, SentBodyJson.Read(kept, planned)));
        Assert.True(JsonNode.DeepEquals(status, SentBodyJson.Read(ToText(status, null), planned)));
    }

    [Fact]
    public void Made_whole_it_reads_the_same_from_any_insert_and_nothing_sent_stays_nothing()
    {
        var planned = Planned();
        var sent = (JsonObject)planned.DeepClone();
        sent["customer"] = "Công ty TNHH Hoa Sen";
        var kept = ToText(sent, planned);

        var whole = SentBodyJson.Whole(kept, planned);
        var edited = (JsonObject)planned.DeepClone();
        edited["subject"] = "Tiêu đề đã sửa";

        Assert.True(JsonNode.DeepEquals(sent, SentBodyJson.Read(whole, edited)));
        Assert.Null(SentBodyJson.Read(null, planned));
        Assert.Null(SentBodyJson.Whole(null, planned));
    }

    /// <summary>The text the store keeps for <paramref name="sent"/>: what <see cref="SentBodyJson.Write"/> writes.</summary>
    private static string ToText(JsonObject sent, JsonObject? from)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            SentBodyJson.Write(json, (sent, from));
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
