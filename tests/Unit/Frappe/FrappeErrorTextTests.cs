using ImportPortal.Components.Shared;
using ImportPortal.Domain.Frappe;
using ImportPortal.Resources;
using ImportPortal.Tests.Unit.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace ImportPortal.Tests.Unit.Frappe;

/// <summary>Each kind of Frappe failure reads, in English and Vietnamese, as what happened and what to do, with Frappe's own words.</summary>
public sealed class FrappeErrorTextTests : PortalComponentTest
{
    public static TheoryData<string, FrappeError, string> Cases => new()
    {
        { "en", new FrappeError(FrappeErrorKind.AuthOrPermission, 401, "AuthenticationError", []), "The site refused the API key" },
        { "vi", new FrappeError(FrappeErrorKind.AuthOrPermission, 401, "AuthenticationError", []), "Trang từ chối API key" },
        { "en", new FrappeError(FrappeErrorKind.AuthOrPermission, 403, "PermissionError", ["No permission for HD Ticket"]), "lacks a permission: No permission for HD Ticket" },
        { "vi", new FrappeError(FrappeErrorKind.DataError, 417, "MandatoryError", ["Value missing for HD Ticket: Subject"]), "Trang từ chối dữ liệu: Value missing for HD Ticket: Subject" },
        { "en", new FrappeError(FrappeErrorKind.Duplicate, 409, "DuplicateEntryError", ["HD Customer Acme already exists"]), "already exists on the site: HD Customer Acme already exists" },
        { "en", new FrappeError(FrappeErrorKind.Transient, 502, null, ["502 Bad Gateway"], IsProxyPage: true), "busy or did not answer (502 Bad Gateway)" },
        { "vi", FrappeError.NotSent("Connection refused (127.0.0.1:9)"), "Không kết nối được tới trang: Connection refused" },
        { "en", FrappeError.UnknownFate("The response ended prematurely."), "looks the record up before sending it again" },
        { "vi", new FrappeError(FrappeErrorKind.NotFound, 404, "DoesNotExistError", ["HD Ticket 42 not found"]), "HD Ticket 42 not found" },
        { "en", new FrappeError(FrappeErrorKind.ServerError, 500, null, ["Internal Server Error"]), "Error Log" },
        { "en", FrappeError.Redirect(301, "https://hotro.haravan.example/", "https://hotro.haravan.example/app"), "on to https://hotro.haravan.example/: its address is not the one entered. Enter that address" },
        { "vi", FrappeError.Redirect(308, "https://hotro.haravan.example/", null), "Trang chuyển các yêu cầu sang https://hotro.haravan.example/" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_kind_reads_as_advice_in_the_operators_language(string culture, FrappeError error, string expected)
    {
        UseCulture(culture);
        var strings = Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        var text = FrappeErrorText.Describe(strings, error);

        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("FrappeError.", text, StringComparison.Ordinal);
    }
}
