using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>Fetching an attachment over real HTTP from a file store on loopback: what is fetched, and what is refused before or while it is.</summary>
public sealed class AttachmentSourceTests
{
    private static readonly AttachmentOptions Loopback = new() { Hosts = ["127.0.0.1"], Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task A_file_arrives_whole_with_its_md5_and_a_redirect_within_the_allowed_hosts_is_followed()
    {
        await using var origin = await AttachmentOrigin.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var source = new HttpAttachmentSource(http, Loopback);

        await using var direct = await source.FetchAsync(origin.LinkOf(42, "Hoá đơn.pdf"), TestContext.Current.CancellationToken);
        await using var moved = await source.FetchAsync(origin.RedirectOf(43, "bảng kê.xlsx"), TestContext.Current.CancellationToken);

        var expected = AttachmentOrigin.ContentOf(42);
        using var read = new MemoryStream();
        await direct.Content.CopyToAsync(read, TestContext.Current.CancellationToken);
        Assert.Equal(expected, read.ToArray());
        Assert.Equal(expected.Length, direct.Length);
#pragma warning disable CA5351 // Frappe's content_hash is an MD5: it tells files apart, it protects nothing.
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(expected)), direct.ContentHash);
#pragma warning restore CA5351
        Assert.Equal(AttachmentOrigin.ContentOf(43).Length, moved.Length);
        Assert.Equal((1, 1), (origin.RequestsFor(42), origin.RequestsFor(43)));
    }

    [Fact]
    public async Task A_link_to_a_host_not_allowed_is_refused_before_any_request_and_so_is_a_redirect_to_one()
    {
        await using var origin = await AttachmentOrigin.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var source = new HttpAttachmentSource(http, Loopback);

        var elsewhere = await Assert.ThrowsAsync<AttachmentFetchException>(() => source.FetchAsync("http://localhost:9/files/1/a.png", TestContext.Current.CancellationToken));
        var redirected = await Assert.ThrowsAsync<AttachmentFetchException>(() => source.FetchAsync(origin.AwayOf(5), TestContext.Current.CancellationToken));
        var noLink = await Assert.ThrowsAsync<AttachmentFetchException>(() => source.FetchAsync("  ", TestContext.Current.CancellationToken));

        Assert.Equal(RecordErrorKind.Data, elsewhere.Error.Kind);
        Assert.Contains("points at localhost", elsewhere.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Portal:Runs:AttachmentHosts", elsewhere.Error.Message, StringComparison.Ordinal);
        Assert.Contains("points at 10.255.255.1", redirected.Error.Message, StringComparison.Ordinal);
        Assert.False(redirected.IsTransient);
        Assert.Contains("no link", noLink.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, origin.Requests);
    }

    [Fact]
    public async Task A_file_larger_than_the_site_takes_is_a_data_error_and_a_slow_or_busy_store_a_transient_one()
    {
        await using var origin = await AttachmentOrigin.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var small = new HttpAttachmentSource(http, Loopback with { MaxBytes = 100 });
        var impatient = new HttpAttachmentSource(http, Loopback with { Timeout = TimeSpan.FromMilliseconds(300) });
        origin.BusyFor[8] = 1;

        var tooLarge = await Assert.ThrowsAsync<AttachmentFetchException>(() => small.FetchAsync(origin.LinkOf(7, "lớn.bin"), TestContext.Current.CancellationToken));
        var slow = await Assert.ThrowsAsync<AttachmentFetchException>(() => impatient.FetchAsync(origin.SlowOf(9), TestContext.Current.CancellationToken));
        var busy = await Assert.ThrowsAsync<AttachmentFetchException>(() => impatient.FetchAsync(origin.LinkOf(8, "a.png"), TestContext.Current.CancellationToken));
        origin.Expired[10] = true;
        var expired = await Assert.ThrowsAsync<AttachmentFetchException>(() => impatient.FetchAsync(origin.LinkOf(10, "a.png"), TestContext.Current.CancellationToken));

        Assert.Equal(RecordErrorKind.Data, tooLarge.Error.Kind);
        Assert.Contains("max_file_size", tooLarge.Error.Message, StringComparison.Ordinal);
        Assert.True(slow.IsTransient, slow.Error.Message);
        Assert.Contains("within 0 s", slow.Error.Message, StringComparison.Ordinal);
        Assert.True(busy.IsTransient && busy.Error.HttpStatus == 503, busy.Error.Message);
        Assert.True(expired is { IsTransient: false, Error.HttpStatus: 403 }, expired.Error.Message);
    }
}
