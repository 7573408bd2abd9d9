using Bunit;
using ImportPortal.Components.Pages.Mappings;
using ImportPortal.Domain.Mapping;
using ImportPortal.Tests.Unit.Infrastructure;
using ImportPortal.Tests.Unit.Mapping;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ImportPortal.Tests.Unit.Profiles;

/// <summary>Header matching for a generic file: each suggestion shows its score and becomes a mapping only when the operator accepts it.</summary>
public sealed class HeaderMatchDialogTests : PortalComponentTest
{
    private static readonly string[] Headers = ["Tiêu đề", "Email khách hàng", "Nội dung", "Ghi chú nội bộ"];

    [Fact]
    public async Task Accepted_suggestions_become_column_mappings_and_a_declined_one_does_not()
    {
        UseCulture("en");
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<HeaderMatchDialog>
        {
            { d => d.Meta, MappingSites.Helpdesk122["HD Ticket"] },
            { d => d.Headers, Headers },
            { d => d.Fields, [] },
        };
        var dialog = await provider.InvokeAsync(() => dialogs.ShowAsync<HeaderMatchDialog>("Match", parameters));

        var subject = provider.WaitForElement("[data-testid=match-field][data-field=subject]").ParentElement!;
        Assert.Contains("Tiêu đề", subject.QuerySelector("[data-testid=match-suggestion]")!.TextContent, StringComparison.Ordinal);
        Assert.True(int.Parse(subject.QuerySelector("[data-testid=match-score]")!.TextContent, System.Globalization.CultureInfo.InvariantCulture) >= 90);
        var raisedBy = provider.Find("[data-testid=match-field][data-field=raised_by]").ParentElement!;
        var accept = (AngleSharp.Html.Dom.IHtmlInputElement)raisedBy.QuerySelector("input[type=checkbox]")!;
        Assert.True(accept.IsChecked, "the e-mail header should be suggested and accepted for raised_by");
        accept.Change(false);
        provider.Find("[data-testid=match-ok]").Click();

        var result = await dialog.Result;
        var accepted = Assert.IsType<List<FieldMapping>>(result!.Data);
        var mapped = Assert.Single(accepted, f => f.Target == "subject");
        Assert.Equal((FieldOrigin.Column, "Tiêu đề"), (mapped.Origin, mapped.Value));
        Assert.DoesNotContain(accepted, f => f.Target == "raised_by");
    }
}
