using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Tests.Unit.Sources;
using static ImportPortal.Tests.Unit.Mapping.MappingSites;

namespace ImportPortal.Tests.Unit.Mapping;

public sealed class SeedGuidePresetTests
{
    private const string Csv = """
        org_id,org_name,store_url,contact_name,email,phone,subject,description,status,priority,routing_reason,created_at,reply,reply_from,reply_at
        1001,Cửa hàng Hoa Mai,hoamai.myharavan.com,Trần Thị Mai,Mai@HoaMai.vn,0901111222,Không thanh toán được,<p>Lỗi cổng thanh toán</p>,Resolved,High,payment,2024-05-10 09:00:00,<p>Đã sửa</p>,agent@haravan.example,2024-05-10 10:30:00
        """;

    [Fact]
    public async Task A_seed_row_gives_an_erpnext_customer_a_contact_a_ticket_and_a_reply()
    {
        var (_, records) = await SourceTestRead.ReadAsync(SourceTestRead.Utf8(Csv), "seed.csv");
        var profile = ProfileCompiler.Compile(SeedGuidePreset.Create(), Helpdesk122);

        var mapped = profile.MapRecord("seed", records[0]);

        Assert.Equal([EntityKind.Organisation, EntityKind.Contact, EntityKind.Ticket, EntityKind.Reply], mapped.Select(m => m.Entity));
        Assert.All(mapped, m => Assert.Empty(m.Problems));
        var (customer, contact, ticket, reply) = (mapped[0], mapped[1], mapped[2], mapped[3]);
        Assert.Equal("Customer", customer.Doctype);
        Assert.Equal("""{"customer_name":"Cửa hàng Hoa Mai","customer_group":"All Customer Groups","territory":"All Territories","customer_type":"Company","custom_orgid":"1001","custom_store_url":"hoamai.myharavan.com"}""", customer.InsertBody.ToJsonString(Compact));
        Assert.Equal(("Trần", "Thị Mai", "mai@hoamai.vn", "0901111222"), (Text(contact.InsertBody, "first_name"), Text(contact.InsertBody, "last_name"), Text(contact.InsertBody, "email_id"), Text(contact.InsertBody, "phone")));
        Assert.Equal(1, contact.InsertBody["is_primary_contact"]!.GetValue<int>());
        Assert.Equal("""[{"link_doctype":"Customer"}]""", contact.InsertBody["links"]!.ToJsonString());
        Assert.Equal("payment", Text(ticket.InsertBody, "custom_haravan_routing_reason"));
        Assert.Equal(("2024-05-10", "09:00:00"), (Text(ticket.InsertBody, "opening_date"), Text(ticket.InsertBody, "opening_time")));
        Assert.False(ticket.InsertBody.ContainsKey("creation"));
        Assert.Equal("Resolved", Text(ticket.FinaliseStatus, "status"));
        Assert.Equal(("Sent", "2024-05-10 10:30:00"), (Text(reply.InsertBody, "sent_or_received"), Text(reply.InsertBody, "communication_date")));
    }

    [Fact]
    public void The_seed_guide_profile_warns_that_the_ticket_customer_field_links_to_hd_customer()
    {
        var profile = ProfileCompiler.Compile(SeedGuidePreset.Create(), Helpdesk122);

        Assert.Contains(profile.Problems, p => p.Problem is { Code: MappingProblemCodes.CustomerDoctypeMismatch, Field: "customer" });
    }

    private static readonly System.Text.Json.JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
