using ImportPortal.Domain.Migration;

namespace ImportPortal.Tests.Unit.Migration;

public sealed class InlineImagesTests
{
    private static readonly AttachmentOptions Freshdesk = new();

    [Fact]
    public void Images_from_the_file_hosts_are_found_once_each_as_written_and_as_fetched_and_others_are_left_alone()
    {
        const string html = """
            <div>Chào anh, ảnh lỗi đây:<br><img src="https://attachment.freshdesk.com/inline/attachment?token=abc&amp;v=1" style="width:50%"></div>
            <p><IMG alt='lặp lại' SRC='https://attachment.freshdesk.com/inline/attachment?token=abc&amp;v=1'></p>
            <p><img src="https://static.example.com/logo.png"><img src="data:image/png;base64,iVBORw0KGgo="><img alt="không có nguồn"></p>
            <p><img data-src="x" src="https://hotro.freshdesk.com/helpdesk/attachments/42?inline=true"></p>
            """;

        var images = InlineImages.Find(html, Freshdesk);

        Assert.Equal(
            [new InlineImage("https://attachment.freshdesk.com/inline/attachment?token=abc&amp;v=1", "https://attachment.freshdesk.com/inline/attachment?token=abc&v=1"),
             new InlineImage("https://hotro.freshdesk.com/helpdesk/attachments/42?inline=true", "https://hotro.freshdesk.com/helpdesk/attachments/42?inline=true")],
            images);
        Assert.Empty(InlineImages.Find("<p>Không có ảnh</p>", Freshdesk));
        Assert.Empty(InlineImages.Find(null, Freshdesk));
    }

    [Fact]
    public void Rewriting_changes_only_the_src_of_the_images_copied_and_keeps_everything_else_of_the_message()
    {
        const string html = """<p>Ảnh: <img alt="a&amp;b" src="https://attachment.freshdesk.com/i?t=1&amp;v=2" width="10"> và <img src='https://static.example.com/logo.png'></p>""";

        var rewritten = InlineImages.Rewrite(html, new Dictionary<string, string> { ["https://attachment.freshdesk.com/i?t=1&amp;v=2"] = "/private/files/ảnh lỗi.png" });

        Assert.Equal("""<p>Ảnh: <img alt="a&amp;b" src="/private/files/ảnh lỗi.png" width="10"> và <img src='https://static.example.com/logo.png'></p>""", rewritten);
        Assert.Equal(html, InlineImages.Rewrite(html, new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("https://attachment.freshdesk.com/inline/attachment?token=abc", "image/png", "attachment.png")]
    [InlineData("https://cdn.freshdesk.com/data/ảnh%20chụp.jpg?X-Amz-Signature=x", "image/jpeg", "ảnh chụp.jpg")]
    [InlineData("https://hotro.freshdesk.com/helpdesk/attachments/42", "application/octet-stream", "42")]
    [InlineData("https://hotro.freshdesk.com/", null, "image")]
    public void An_image_is_named_by_its_link_with_the_extension_its_type_gives(string link, string? type, string name) =>
        Assert.Equal(name, InlineImages.FileNameOf(link, type));
}
