using ImportPortal.Domain.Preflight;

namespace ImportPortal.Tests.Unit.Preflight;

public sealed class ExternalIdFieldsTests
{
    [Fact]
    public async Task A_missing_field_on_contact_is_amber_and_names_contact()
    {
        var site = PreflightSites.Healthy(externalIds: false);
        site.AddFields("HD Ticket", FakeFrappeSite.Field(ExternalIdFields.Fieldname, custom: true));
        site.AddFields("Communication", FakeFrappeSite.Field(ExternalIdFields.Fieldname, custom: true));
        site.AddFields("HD Ticket Comment", FakeFrappeSite.Field(ExternalIdFields.Fieldname, custom: true));

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.ExternalId);

        Assert.Equal(PreflightSeverity.Amber, line.Severity);
        Assert.Equal(PreflightKeys.ExternalIdMissing, line.MessageKey);
        Assert.Equal(["Contact", ExternalIdFields.Fieldname], line.MessageArgs);
        Assert.Equal(PreflightKeys.ExternalIdCreate, line.AdviceKey);
    }

    [Fact]
    public void The_custom_field_body_is_a_unique_read_only_data_field()
    {
        var body = ExternalIdFields.CustomFieldFor("Contact");

        Assert.Equal("Contact", body["dt"]!.GetValue<string>());
        Assert.Equal("custom_source_id", body["fieldname"]!.GetValue<string>());
        Assert.Equal("Source ID", body["label"]!.GetValue<string>());
        Assert.Equal("Data", body["fieldtype"]!.GetValue<string>());
        Assert.Equal(1, body["unique"]!.GetValue<int>());
        Assert.Equal(1, body["read_only"]!.GetValue<int>());
        Assert.Equal(1, body["no_copy"]!.GetValue<int>());
        Assert.Equal("email_id", body["insert_after"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_missing_creates_only_the_missing_fields_and_a_second_call_creates_none()
    {
        var site = PreflightSites.Healthy(externalIds: false);
        site.AddFields("HD Ticket", FakeFrappeSite.Field(ExternalIdFields.Fieldname, custom: true));
        var ct = TestContext.Current.CancellationToken;

        var first = await ExternalIdFields.CreateMissingAsync(site, ct);
        var second = await ExternalIdFields.CreateMissingAsync(site, ct);

        Assert.Equal(["Contact", "Communication", "HD Ticket Comment"], first);
        Assert.Empty(second);
        Assert.Equal(["Contact", "Communication", "HD Ticket Comment"], site.Inserted.Select(i => i.Document["dt"]!.GetValue<string>()));
        Assert.All(site.Inserted, i => Assert.Equal("Custom Field", i.DocType));
        Assert.Equal(PreflightSeverity.Green, (await PreflightRun.LineAsync(site, PreflightCheckIds.ExternalId)).Severity);
    }

    [Fact]
    public async Task Create_missing_leaves_out_insert_after_when_the_site_has_no_such_field()
    {
        var site = PreflightSites.Healthy(externalIds: false);
        site.AddMeta("Communication", FakeFrappeSite.Field("subject"));

        await ExternalIdFields.CreateMissingAsync(site, TestContext.Current.CancellationToken);

        var communication = site.Inserted.Single(i => i.Document["dt"]!.GetValue<string>() == "Communication").Document;
        Assert.False(communication.ContainsKey("insert_after"));
        var contact = site.Inserted.Single(i => i.Document["dt"]!.GetValue<string>() == "Contact").Document;
        Assert.Equal("email_id", contact["insert_after"]!.GetValue<string>());
    }
}
