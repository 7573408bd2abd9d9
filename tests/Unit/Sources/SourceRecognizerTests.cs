using ImportPortal.Domain.Sources;
using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Sources;

public sealed class SourceRecognizerTests
{
    private static readonly SourceFormat Csv = new("x.csv", SourceFileKind.Csv);

    [Fact]
    public void A_freshdesk_ticket_export_is_recognised_even_with_contact_columns_and_odd_spacing()
    {
        string[] headers = [.. FreshdeskSampleWriter.TicketHeaders, "Full name", "Email", "cf_khu_vuc"];

        var result = SourceRecognizer.Recognize(Csv, headers.Select(h => h == "Ticket ID" ? " ticket id " : h).ToList());

        Assert.Equal(SourceKind.FreshdeskTicketExport, result.Kind);
        Assert.Contains("cf_khu_vuc", result.UnrecognisedHeaders);
    }

    [Fact]
    public void Contacts_and_companies_exports_are_recognised()
    {
        Assert.Equal(SourceKind.FreshdeskContacts, SourceRecognizer.Recognize(Csv, ["Full name", "Title", "Email", "Work phone", "Company"]).Kind);
        Assert.Equal(SourceKind.FreshdeskCompanies, SourceRecognizer.Recognize(Csv, ["Company Name", "Description", "Domains for this company", "Industry"]).Kind);
    }

    [Fact]
    public void An_account_export_zip_is_recognised_by_its_tables()
    {
        var zip = new SourceFormat("e.zip", SourceFileKind.Zip, Tables: ["tickets", "users"]);

        Assert.Equal(SourceKind.FreshdeskAccountExport, SourceRecognizer.Recognize(zip, []).Kind);
    }

    [Fact]
    public void An_api_json_dump_is_recognised_from_its_flattened_columns()
    {
        var json = new SourceFormat("t.json", SourceFileKind.Json);

        var result = SourceRecognizer.Recognize(json, ["id", "subject", "status", "priority", "requester_id", "custom_fields.cf_x", "stats.resolved_at"]);

        Assert.Equal(SourceKind.FreshdeskApiJson, result.Kind);
    }

    [Fact]
    public void Anything_else_is_generic()
    {
        Assert.Equal(SourceKind.Generic, SourceRecognizer.Recognize(Csv, ["Mã", "Tên", "Ngày"]).Kind);
        Assert.Equal(SourceKind.Generic, SourceRecognizer.Recognize(Csv, ["Subject", "Status"]).Kind);
    }
}
