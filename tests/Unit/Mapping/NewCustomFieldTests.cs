using ImportPortal.Domain.Mapping;

namespace ImportPortal.Tests.Unit.Mapping;

/// <summary>A field made on the site for a column no field sends: its label, an ASCII name, and a type its values fit.</summary>
public sealed class NewCustomFieldTests
{
    [Theory]
    [InlineData("custom_field.cf_khu_vuc_123", "Khu vuc")] // Freshdesk appends the account's number to a custom field's name
    [InlineData("cf_loai_khach_hang", "Loai khach hang")]
    [InlineData("Survey results", "Survey results")]
    [InlineData("ticket-states.first-resp-time-by-bhrs", "First resp time by bhrs")]
    [InlineData("Khu vực", "Khu vực")]
    [InlineData("cf_2024", "2024")] // digits only: nothing to strip them from
    public void A_label_is_the_column_as_an_agent_reads_it(string column, string label) =>
        Assert.Equal(label, NewCustomField.LabelFor(column));

    [Theory]
    [InlineData("Khu vực", "custom_khu_vuc")]
    [InlineData("Đánh giá của khách (1–5)", "custom_danh_gia_cua_khach_1_5")]
    [InlineData("Survey results", "custom_survey_results")]
    [InlineData("  ", null)]
    [InlineData("日本", null)] // letters Frappe would keep, but no ASCII: the operator writes another label
    public void A_field_name_is_the_label_folded_to_ascii_with_frappe_s_prefix(string label, string? fieldname) =>
        Assert.Equal(fieldname, NewCustomField.FieldnameFor(label));

    [Fact]
    public void A_field_name_holds_at_most_64_characters()
    {
        var name = NewCustomField.FieldnameFor(string.Join(' ', Enumerable.Repeat("thông tin", 20)));

        Assert.Equal(64, name!.Length);
        Assert.StartsWith("custom_thong_tin_thong_tin", name, StringComparison.Ordinal);
        Assert.False(name.EndsWith('_'));
    }

    [Theory]
    [InlineData("Miền Bắc", "Data")]
    [InlineData("dòng một\ndòng hai", "Small Text")]
    [InlineData(null, "Data")]
    [InlineData("2024-03-02 17:00:00", "Datetime")]
    [InlineData("2024-03-02T17:00:00+07:00", "Datetime")]
    [InlineData("2024-03-02 17:00", "Datetime")]
    [InlineData(" 2024-03-02 ", "Date")]
    [InlineData("02/03/2024", "Data")]
    [InlineData("2024-03-02 là hạn chót", "Data")]
    public void A_type_fits_the_values(string? example, string fieldtype) =>
        Assert.Equal(fieldtype, NewCustomField.FieldtypeFor(example));

    [Fact]
    public void A_date_field_is_filled_through_the_profile_s_zones_and_a_text_field_trimmed()
    {
        Assert.Equal([TransformKind.DateTime], NewCustomField.TransformsFor("Datetime").Select(t => t.Kind));
        Assert.Equal([TransformKind.Date], NewCustomField.TransformsFor("Date").Select(t => t.Kind));
        Assert.Equal([TransformKind.Trim], NewCustomField.TransformsFor("Small Text").Select(t => t.Kind));
        Assert.Equal("Datetime", NewCustomField.Body("HD Ticket", "custom_due_by_time", "Due by time", "Datetime")["fieldtype"]!.GetValue<string>());
    }

    [Fact]
    public void The_custom_field_document_names_its_doctype_field_label_and_type_and_refuses_a_type_it_does_not_make()
    {
        Assert.Equal("""{"dt":"HD Ticket","fieldname":"custom_khu_vuc","label":"Khu vực","fieldtype":"Data"}""",
            NewCustomField.Body("HD Ticket", "custom_khu_vuc", "Khu vực", "Data").ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewCustomField.Body("HD Ticket", "custom_x", "X", "Link"));
    }
}
