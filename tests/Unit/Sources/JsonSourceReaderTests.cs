using ImportPortal.Domain.Sources;

namespace ImportPortal.Tests.Unit.Sources;

public sealed class JsonSourceReaderTests
{
    private const string Ticket = """
        {"id": 42, "subject": "Hỗ trợ khách hàng", "status": 2, "priority": 1, "requester_id": 9, "spam": false,
         "custom_fields": {"cf_khu_vuc": "Miền Bắc", "cf_empty": null}, "stats": {"resolved_at": "2024-05-17T09:30:00Z"},
         "tags": ["vip", "hoa-don"], "cc_emails": [],
         "conversations": [{"id": 1, "body_text": "Chào anh", "private": false}, {"id": 2, "body_text": "Ghi chú", "private": true, "extra": {"a": 1}}]}
        """;

    [Fact]
    public async Task Nested_objects_become_dotted_columns_and_conversations_child_records()
    {
        var (reader, records) = await SourceTestRead.ReadAsync(SourceTestRead.Utf8($"[{Ticket}, {{\"id\": 43, \"subject\": \"Khác\"}}]"), "tickets.json");

        var ticket = records[0];
        Assert.Equal(2, records.Count);
        Assert.Equal(42L, ticket["id"].Typed);
        Assert.Equal(false, ticket["spam"].Typed);
        Assert.Equal("Miền Bắc", ticket["custom_fields.cf_khu_vuc"].Text);
        Assert.True(ticket["custom_fields.cf_empty"].IsNull);
        Assert.Equal("2024-05-17T09:30:00Z", ticket["stats.resolved_at"].Text);
        Assert.Equal("vip,hoa-don", ticket["tags"].Text);
        var conversations = ticket.ChildrenOf("conversations");
        Assert.Equal(["Chào anh", "Ghi chú"], conversations.Select(c => c["body_text"].Text));
        Assert.Equal(true, conversations[1]["private"].Typed);
        Assert.Equal("1", conversations[1]["extra.a"].Text);
        Assert.Equal(new SourceLocator("tickets.json", 2), records[1].Locator);
        Assert.Contains("stats.resolved_at", reader.Columns.Names);
    }

    [Fact]
    public async Task An_object_holding_arrays_reads_the_chosen_list_and_skips_the_others()
    {
        var json = $$"""{"meta": {"page": 1}, "contacts": [{"id": 1, "deep": [[1, [2]]]}], "tickets": [{{Ticket}}, {"id": 7}]}""";

        var (reader, records) = await SourceTestRead.ReadAsync(SourceTestRead.Utf8(json), "dump.json", new SourceReadOptions(Table: "tickets"));

        Assert.Equal("tickets", reader.Table);
        Assert.Equal([42L, 7L], records.Select(r => r["id"].Typed));
    }

    [Fact]
    public async Task Without_a_choice_the_first_list_is_read()
    {
        var (reader, records) = await SourceTestRead.ReadAsync(SourceTestRead.Utf8("""{"contacts": [{"id": 1}], "tickets": [{"id": 2}]}"""), "dump.json");

        Assert.Equal("contacts", reader.Table);
        Assert.Equal(1L, Assert.Single(records)["id"].Typed);
    }

    [Fact]
    public async Task A_missing_list_names_the_lists_there_are()
    {
        var problem = await SourceTestRead.FailureAsync(SourceTestRead.Utf8("""{"contacts": [{"id": 1}], "companies": []}"""), "dump.json", new SourceReadOptions(Table: "tickets"));

        Assert.Equal("dump.json has no list named \"tickets\". Lists found: contacts, companies.", ProblemTextTests.English(problem));
    }

    [Fact]
    public async Task Ndjson_reads_one_record_per_line()
    {
        var (reader, records) = await SourceTestRead.ReadAsync(SourceTestRead.Utf8("{\"id\":1,\"a\":{\"b\":2}}\n{\"id\":2}\r\n\n{\"id\":3}\n"), "t.ndjson");

        Assert.Equal(SourceFileKind.Ndjson, reader.Format.Kind);
        Assert.Equal([1L, 2L, 3L], records.Select(r => r["id"].Typed));
        Assert.Equal("2", records[0]["a.b"].Text);
    }

    [Fact]
    public async Task Records_larger_than_the_read_buffer_stream_through()
    {
        var big = new string('x', 200_000);
        var json = "[" + string.Join(",", Enumerable.Range(0, 30).Select(i => $$"""{"id": {{i}}, "body": "{{big}}"}""")) + "]";

        var (_, records) = await SourceTestRead.ReadAsync(SourceTestRead.Utf8(json), "big.json");

        Assert.Equal(30, records.Count);
        Assert.Equal(big, records[29]["body"].Text);
    }

    [Fact]
    public async Task Utf8_with_a_byte_order_mark_and_utf16_json_are_read()
    {
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. SourceTestRead.Utf8("""[{"name": "Nguyễn Văn Anh"}]""")];
        byte[] utf16 = [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes("""[{"name": "Nguyễn Văn Anh"}]""")];

        var (_, fromBom) = await SourceTestRead.ReadAsync(withBom, "a.json");
        var (_, from16) = await SourceTestRead.ReadAsync(utf16, "b.json");

        Assert.Equal("Nguyễn Văn Anh", fromBom[0]["name"].Text);
        Assert.Equal("Nguyễn Văn Anh", from16[0]["name"].Text);
    }
}
