using Bunit;
using Bunit.TestDoubles;
using Hangfire;
using ImportPortal.Components.Pages.Uploads;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Jobs;
using ImportPortal.Mappings;
using ImportPortal.Security;
using ImportPortal.Tests.Unit.Infrastructure;
using ImportPortal.Tests.Unit.Sites;
using ImportPortal.Uploads;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Components.Uploads;

/// <summary>
/// A file of ticket messages is recognised on its upload page and offered to the profile of its ticket file, in both
/// languages; with no profile yet, the page says to map the ticket file first.
/// </summary>
public sealed class UploadDetailPageTests : PortalComponentTest, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private SitesHarness _h = null!;

    public async ValueTask InitializeAsync()
    {
        _h = await SitesHarness.StartAsync();
        Services.AddSingleton(_h.Services.GetRequiredService<UploadStore>());
        Services.AddSingleton(_h.Services.GetRequiredService<ProgressFeed<UploadProgress>>());
        Services.AddSingleton(_h.Services.GetRequiredService<MappingProfileStore>());
        Services.AddSingleton(_h.Services.GetRequiredService<IBackgroundJobClient>());
        var auth = AddAuthorization();
        auth.SetAuthorized("van.hanh@haravan.example");
        auth.SetRoles(PortalRoles.Operator);
        auth.SetPolicies(PortalRoles.OperatorPolicy);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _h.DisposeAsync();
    }

    [Theory]
    [InlineData("en", "This file looks like ticket messages", "Add as the tickets' messages")]
    [InlineData("vi", "Tệp này giống danh sách tin nhắn của phiếu", "Thêm làm tin nhắn của phiếu")]
    public async Task A_messages_file_is_offered_to_the_ticket_file_s_profile_which_opens_with_it(string culture, string offer, string add)
    {
        UseCulture(culture);
        var store = _h.Services.GetRequiredService<MappingProfileStore>();
        var generic = (await store.CreateFromHeadersAsync("van.hanh", Mapping.GenericTicketFileTests.VietnameseHeaders, "tickets", "Phiếu Haravan", CancellationToken.None)).Id!.Value;
        // A preset's profile, newer, is proposed after it all the same.
        await store.CreateFromPresetAsync("van.hanh", FreshdeskTicketExportPreset.Name, "Freshdesk mới", CancellationToken.None);
        var upload = await _h.UploadCsvAsync("Mã tin nhắn,Mã phiếu,Người gửi,Nội dung tin nhắn,Ngày gửi\r\n9001,17,khach@example.vn,Hỏi thêm,2024-03-01 11:00:00\r\n", "Tin nhắn.csv");
        Render<MudBlazor.MudPopoverProvider>();

        var page = Render<UploadDetailPage>(p => p.Add(x => x.Id, upload));

        await page.WaitForAssertionAsync(() => Assert.Contains(offer, page.Find("[data-testid=upload-messages]").TextContent, StringComparison.Ordinal), Wait);
        // The profile made from a ticket file is proposed first.
        Assert.Contains("Phiếu Haravan", page.Find("[data-testid=upload-messages] .mud-select").TextContent, StringComparison.Ordinal);
        var button = page.Find("[data-testid=upload-add-messages]");
        Assert.Equal(add, button.TextContent.Trim());
        Assert.False(button.HasAttribute("disabled"), button.OuterHtml);
        button.Click();

        var nav = Services.GetRequiredService<NavigationManager>();
        await page.WaitForAssertionAsync(() => Assert.True(nav.Uri.EndsWith($"/mappings/{generic}?add=messages&upload={upload}", StringComparison.Ordinal), nav.Uri), Wait);
        Assert.DoesNotContain("Uploads.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_profile_yet_the_page_says_to_map_the_ticket_file_first_and_a_ticket_file_is_offered_no_such_thing()
    {
        UseCulture("vi");
        var messages = await _h.UploadCsvAsync("Mã phiếu,Người gửi,Nội dung,Ngày gửi\r\n17,khach@example.vn,Hỏi thêm,2024-03-01 11:00:00\r\n", "Tin nhắn.csv");
        var tickets = await _h.UploadCsvAsync(string.Join(",", Mapping.GenericTicketFileTests.VietnameseHeaders) + "\r\n17,Không in được,Máy in lỗi,Mở,Cao,Hỏi,Công ty A,Trần Bình,binh@example.vn,0901234567,2024-03-01 09:00:00,\r\n", "Phiếu.csv");

        var page = Render<UploadDetailPage>(p => p.Add(x => x.Id, messages));

        await page.WaitForAssertionAsync(() => Assert.Contains("hãy ánh xạ tệp phiếu trước", page.Find("[data-testid=upload-messages-no-profile]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("[data-testid=upload-add-messages]"));

        var ticketPage = Render<UploadDetailPage>(p => p.Add(x => x.Id, tickets));
        await ticketPage.WaitForAssertionAsync(() => Assert.NotEmpty(ticketPage.FindAll("[data-testid=upload-map-generic]")), Wait);
        Assert.Empty(ticketPage.FindAll("[data-testid=upload-messages]"));
    }
}
