using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;

namespace ImportPortal.Tests.Unit.Mapping;

public sealed class ContactLinkStyleCheckTests
{
    [Theory]
    [InlineData("1.28.1", ContactLinkStyle.CustomerMembers)]
    [InlineData("v1.30.0-develop", ContactLinkStyle.CustomerMembers)]
    [InlineData("1.27.9", ContactLinkStyle.ContactLinks)]
    [InlineData("1.22.2", ContactLinkStyle.ContactLinks)]
    public void The_site_version_says_which_style_it_reads(string version, ContactLinkStyle expected) =>
        Assert.Equal(expected, ContactLinkStyleCheck.StyleFor(version));

    [Fact]
    public void A_preset_on_helpdesk_1_28_is_warned_to_use_customer_members()
    {
        var problem = ContactLinkStyleCheck.Check(FreshdeskAccountExportPreset.Create(), "1.28.1");

        Assert.NotNull(problem);
        Assert.Equal((MappingProblemCodes.ContactLinkStyleMismatch, MappingSeverity.Warning), (problem.Problem.Code, problem.Problem.Severity));
        Assert.Equal(["contactLinkStyle", "1.28.1", "CustomerMembers"], problem.Problem.Args);
    }

    [Fact]
    public void Customer_members_on_helpdesk_1_22_are_warned_and_a_matching_style_is_not()
    {
        var members = FreshdeskAccountExportPreset.Create() with { ContactLinkStyle = ContactLinkStyle.CustomerMembers };

        Assert.NotNull(ContactLinkStyleCheck.Check(members, "1.22.2"));
        Assert.Null(ContactLinkStyleCheck.Check(members, "1.28.1"));
        Assert.Null(ContactLinkStyleCheck.Check(FreshdeskAccountExportPreset.Create(), "1.22.2"));
    }

    [Fact]
    public void Nothing_is_said_without_a_version_or_when_organisations_are_erpnext_customers()
    {
        Assert.Null(ContactLinkStyleCheck.Check(FreshdeskAccountExportPreset.Create(), null));
        Assert.Null(ContactLinkStyleCheck.Check(FreshdeskAccountExportPreset.Create() with { OrganisationDoctype = "Customer" }, "1.28.1"));
    }
}
