using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FrappeSimulator.Faults;
using FrappeSimulator.Hosting;
using FrappeSimulator.Tests.Support;

namespace FrappeSimulator.Tests.Api;

public class UploadFileTests
{
    static readonly byte[] Scan = Encoding.UTF8.GetBytes("%PDF-1.4 the scanned invoice");

    static string Communication(SimulatorHandle sim) =>
        sim.Seed("Communication", new JsonObject { ["subject"] = "Invoice", ["communication_type"] = "Communication", ["sent_or_received"] = "Received", ["status"] = "Open" });

    static (string, string)[] AttachedTo(string communication, int isPrivate = 1) =>
        [("doctype", "Communication"), ("docname", communication), ("is_private", isPrivate.ToString(System.Globalization.CultureInfo.InvariantCulture))];

#pragma warning disable CA5351 // Frappe's content_hash is MD5.
    static string Md5(byte[] content) => Convert.ToHexStringLower(MD5.HashData(content));
#pragma warning restore CA5351

    static IReadOnlyList<JsonObject> UploadedFiles(SimulatorHandle sim) => sim.Store.Where("File", f => f["is_folder"]?.GetValue<long>() != 1);

    [Fact]
    public async Task An_upload_attaches_a_private_file_to_a_communication_and_keeps_its_bytes()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        var communication = Communication(sim);

        var answer = await client.Upload(Scan, "scan.pdf", [.. AttachedTo(communication), ("fieldname", "attachment")]);

        Assert.Equal(200, answer.Status);
        var file = answer.Message!.AsObject();
        Assert.Equal(10, file["name"]!.GetValue<string>().Length);
        Assert.Equal("File", file["doctype"]!.GetValue<string>());
        Assert.Equal("scan.pdf", file["file_name"]!.GetValue<string>());
        Assert.Equal("/private/files/scan.pdf", file["file_url"]!.GetValue<string>());
        Assert.Equal(1, file["is_private"]!.GetValue<int>());
        Assert.Equal(Scan.Length, file["file_size"]!.GetValue<int>());
        Assert.Equal(Md5(Scan), file["content_hash"]!.GetValue<string>());
        Assert.Equal("PDF", file["file_type"]!.GetValue<string>());
        Assert.Equal("Home", file["folder"]!.GetValue<string>());
        Assert.Equal("Communication", file["attached_to_doctype"]!.GetValue<string>());
        Assert.Equal(communication, file["attached_to_name"]!.GetValue<string>());
        Assert.Equal("attachment", file["attached_to_field"]!.GetValue<string>());
        Assert.True(file.ContainsKey("thumbnail_url"), "the answer is the whole document, unset fields as null");
        Assert.Equal(Scan, sim.FileContent("/private/files/scan.pdf"));
    }

    [Fact]
    public async Task A_public_upload_lives_under_files()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var answer = await client.Upload(Scan, "scan.pdf", [.. AttachedTo(Communication(sim), isPrivate: 0)]);

        Assert.Equal("/files/scan.pdf", answer.Message!["file_url"]!.GetValue<string>());
        Assert.Equal(0, answer.Message!["is_private"]!.GetValue<int>());
        Assert.Equal(Scan, sim.FileContent("/files/scan.pdf"));
        Assert.Null(sim.FileContent("/private/files/scan.pdf"));
    }

    [Fact]
    public async Task Uploaded_files_are_listed_and_counted_by_what_they_are_attached_to()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        var first = Communication(sim);
        var second = Communication(sim);
        await client.Upload(Scan, "scan.pdf", AttachedTo(first));
        await client.Upload(Encoding.UTF8.GetBytes("notes"), "notes.txt", AttachedTo(first));
        await client.Upload(Encoding.UTF8.GetBytes("other"), "other.txt", AttachedTo(second));
        var filters = Uri.EscapeDataString($$"""[["attached_to_doctype","=","Communication"],["attached_to_name","=","{{first}}"]]""");

        var list = await client.Get($"api/resource/File?filters={filters}&fields={Uri.EscapeDataString("""["file_name"]""")}&order_by=creation%20asc");
        var count = await client.Get($"api/method/frappe.client.get_count?doctype=File&filters={filters}");

        Assert.Equal("""[{"file_name":"scan.pdf"},{"file_name":"notes.txt"}]""", list.Data!.ToJsonString());
        Assert.Equal(2, count.Message!.GetValue<int>());
    }

    [Fact]
    public async Task The_same_content_again_is_a_new_file_sharing_the_first_ones_url()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        var communication = Communication(sim);

        var first = await client.Upload(Scan, "scan.pdf", AttachedTo(communication));
        var again = await client.Upload(Scan, "copy.pdf", AttachedTo(Communication(sim)));

        Assert.Equal(200, again.Status);
        Assert.NotEqual(first.Message!["name"]!.GetValue<string>(), again.Message!["name"]!.GetValue<string>());
        Assert.Equal("copy.pdf", again.Message!["file_name"]!.GetValue<string>());
        Assert.Equal("/private/files/scan.pdf", again.Message!["file_url"]!.GetValue<string>());
        Assert.Null(sim.FileContent("/private/files/copy.pdf"));
        Assert.Equal(2, UploadedFiles(sim).Count);
    }

    [Fact]
    public async Task The_same_name_with_other_content_is_renamed_with_the_end_of_its_hash()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        var communication = Communication(sim);
        var other = Encoding.UTF8.GetBytes("%PDF-1.4 another invoice");
        var expected = $"scan{Md5(other)[^6..]}.pdf";

        await client.Upload(Scan, "scan.pdf", AttachedTo(communication));
        var renamed = await client.Upload(other, "scan.pdf", AttachedTo(communication));

        Assert.Equal(expected, renamed.Message!["file_name"]!.GetValue<string>());
        Assert.Equal($"/private/files/{expected}", renamed.Message!["file_url"]!.GetValue<string>());
        Assert.Equal(Scan, sim.FileContent("/private/files/scan.pdf"));
        Assert.Equal(other, sim.FileContent($"/private/files/{expected}"));
    }

    [Fact]
    public async Task A_file_over_the_sites_limit_is_417_MaxFileSizeReachedError_and_nothing_is_kept()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { MaxFileSize = 1024 * 1024 });
        using var client = sim.CreateClient();
        var communication = Communication(sim);

        var atLimit = await client.Upload(new byte[1024 * 1024], "fits.bin", AttachedTo(communication));
        var over = await client.Upload(new byte[(1024 * 1024) + 1], "big.bin", AttachedTo(communication));

        Assert.Equal(200, atLimit.Status);
        Assert.Equal(417, over.Status);
        Assert.Equal("MaxFileSizeReachedError", over.ExcType);
        Assert.Equal(["File size exceeded the maximum allowed size of 1.0 MB"], over.Messages);
        Assert.Single(UploadedFiles(sim));
        Assert.Null(sim.FileContent("/private/files/big.bin"));
    }

    [Fact]
    public async Task An_upload_to_a_document_that_does_not_exist_is_404_and_its_bytes_are_dropped()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var answer = await client.Upload(Scan, "scan.pdf", AttachedTo("nosuchthing"));

        Assert.Equal(404, answer.Status);
        Assert.Equal("DoesNotExistError", answer.ExcType);
        Assert.Equal(["Communication nosuchthing not found"], answer.Messages);
        Assert.Empty(UploadedFiles(sim));
        Assert.Null(sim.FileContent("/private/files/scan.pdf"));
    }

    [Fact]
    public async Task A_doctype_without_a_docname_is_417_ValidationError()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var answer = await client.Upload(Scan, "scan.pdf", ("doctype", "Communication"));

        Assert.Equal(417, answer.Status);
        Assert.Equal("ValidationError", answer.ExcType);
        Assert.Equal(["Attached To Name must be a string or an integer"], answer.Messages);
        Assert.Empty(UploadedFiles(sim));
    }

    [Fact]
    public async Task Neither_a_file_nor_a_file_url_is_417_naming_both_fields()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var answer = await client.Upload(null, null, AttachedTo(Communication(sim)));

        Assert.Equal(417, answer.Status);
        Assert.Equal("MandatoryError", answer.ExcType);
        Assert.Equal(["Fields `file_name` or `file_url` must be set for File"], answer.Messages);
        Assert.Empty(UploadedFiles(sim));
    }

    [Fact]
    public async Task A_file_url_alone_makes_a_file_without_content()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var answer = await client.Upload(null, null, [.. AttachedTo(Communication(sim), isPrivate: 0), ("file_url", "https://cdn.example.com/logo.png")]);

        Assert.Equal(200, answer.Status);
        Assert.Equal("logo.png", answer.Message!["file_name"]!.GetValue<string>());
        Assert.Equal("https://cdn.example.com/logo.png", answer.Message!["file_url"]!.GetValue<string>());
        Assert.Equal(0, answer.Message!["file_size"]!.GetValue<int>());
        Assert.Null(answer.Message!["content_hash"]);
    }

    [Fact]
    public async Task A_guest_may_not_upload()
    {
        await using var sim = await Simulators.Start();
        using var guest = new HttpClient { BaseAddress = sim.BaseUrl };

        var answer = await guest.Upload(Scan, "scan.pdf", AttachedTo(Communication(sim)));

        Assert.Equal(403, answer.Status);
        Assert.Equal("PermissionError", answer.ExcType);
        Assert.Empty(UploadedFiles(sim));
    }

    [Fact]
    public async Task Commit_then_drop_on_upload_file_keeps_the_file_and_cuts_the_connection()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        var communication = Communication(sim);
        var rule = sim.Faults.AddNth(FaultKind.CommitThenDrop, 1, FaultTarget.ForMethod("upload_file"));

        var error = await Record.ExceptionAsync(() => client.Upload(Scan, "scan.pdf", AttachedTo(communication)));

        Assert.IsType<HttpRequestException>(error);
        Assert.Equal(1, sim.Faults.Hits(rule));
        var file = Assert.Single(UploadedFiles(sim));
        Assert.Equal(communication, file["attached_to_name"]!.GetValue<string>());
        Assert.Equal(Scan, sim.FileContent("/private/files/scan.pdf"));
    }

    [Fact]
    public async Task A_refused_file_leaves_no_bytes_behind()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        sim.Faults.Rejections.Add("File", f => f["file_name"]?.GetValue<string>() == "scan.pdf", "Not this one");

        var answer = await client.Upload(Scan, "scan.pdf", AttachedTo(Communication(sim)));

        Assert.Equal(417, answer.Status);
        Assert.Empty(UploadedFiles(sim));
        Assert.Null(sim.FileContent("/private/files/scan.pdf"));
    }
}
