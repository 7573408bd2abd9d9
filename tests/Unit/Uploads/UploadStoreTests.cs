using System.Security.Cryptography;
using System.Text;
using ImportPortal.Tests.Unit.Infrastructure;
using ImportPortal.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Uploads;

/// <summary>The upload store on a real data folder and SQLite database.</summary>
public sealed class UploadStoreTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private PortalServices _portal = null!;

    private UploadStore Store => _portal.Get<UploadStore>();

    public async ValueTask InitializeAsync() =>
        _portal = await PortalServices.StartAsync((services, _) =>
        {
            services.Configure<UploadOptions>(o => o.MaxFileBytes = 1024 * 1024);
            services.AddSingleton<UploadStore>();
        });

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_file_is_stored_under_a_random_name_with_its_hash_and_progress()
    {
        const string content = "Ticket ID,Subject\n1,Không đăng nhập được\n";
        var reported = new List<long>();

        var outcome = await Store.SaveAsync(Csv(content), "Tickets.csv", "van.hanh@haravan.example", new SyncProgress(reported.Add), Ct);

        var upload = (await Store.FindAsync(outcome.UploadId!.Value, Ct))!;
        Assert.False(outcome.AlreadyUploaded);
        Assert.Equal("Tickets.csv", upload.OriginalName);
        Assert.NotEqual("Tickets.csv", upload.StoredName);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))), upload.Sha256);
        Assert.Equal(Encoding.UTF8.GetByteCount(content), upload.Size);
        Assert.Equal(upload.Size, reported.Last());
        Assert.Equal(content, await File.ReadAllTextAsync(Store.PathOf(upload), Ct));
        Assert.Single(Directory.GetFiles(Store.Folder));
    }

    [Fact]
    public async Task The_same_content_uploaded_twice_is_recognised_and_not_stored_again()
    {
        var first = await Store.SaveAsync(Csv("a,b\n1,2\n"), "export.csv", "a", null, Ct);
        var second = await Store.SaveAsync(Csv("a,b\n1,2\n"), "export (1).csv", "b", null, Ct);

        Assert.True(second.AlreadyUploaded);
        Assert.Equal(first.UploadId, second.UploadId);
        Assert.Single(Directory.GetFiles(Store.Folder));
        Assert.Equal(1, (await Store.ListAsync(0, 10, Ct)).Total);
    }

    [Fact]
    public async Task A_file_over_the_cap_is_refused_while_streaming_and_leaves_nothing_behind()
    {
        var outcome = await Store.SaveAsync(new MemoryStream(new byte[(1024 * 1024) + 1]), "big.csv", "a", null, Ct);

        Assert.Equal("Uploads.TooLarge", outcome.ProblemKey);
        Assert.Equal("1 MB", outcome.ProblemArg);
        Assert.Empty(Directory.GetFiles(Store.Folder));
        Assert.Equal(0, (await Store.ListAsync(0, 10, Ct)).Total);
    }

    [Fact]
    public async Task An_upload_that_would_leave_the_disk_without_room_for_the_database_is_refused_and_leaves_nothing()
    {
        // More than any disk here has free: the store reads the disk's real free space.
        await using var portal = await PortalServices.StartAsync((services, _) =>
        {
            services.Configure<UploadOptions>(o => o.KeepFreeBytes = 1L << 50);
            services.AddSingleton<UploadStore>();
        });
        var store = portal.Get<UploadStore>();

        var outcome = await store.SaveAsync(Csv("Mã phiếu,Tiêu đề\n1,Không vào được trang quản trị\n"), "Tickets.csv", "van.hanh", null, Ct);

        Assert.False(store.HasRoomFor(0));
        Assert.Equal("Uploads.NoRoom", outcome.ProblemKey);
        Assert.Equal("1024 TB", outcome.ProblemArg);
        Assert.Empty(Directory.GetFiles(store.Folder));
        Assert.Equal(0, (await store.ListAsync(0, 10, Ct)).Total);
        // With the default reserve, this disk has room.
        Assert.True(Store.HasRoomFor(1024 * 1024));
    }

    [Fact]
    public async Task A_disk_that_fills_up_under_a_write_is_told_apart_from_a_broken_connection()
    {
        // The kernel's own refusal: every write to /dev/full fails with ENOSPC.
        var full = await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            await using var device = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
            await device.WriteAsync(new byte[4096], Ct);
            await device.FlushAsync(Ct);
        });

        Assert.True(ImportPortal.Persistence.DiskFull.Is(full), $"{full.GetType().Name} {full.HResult}: {full.Message}");
        Assert.True(ImportPortal.Persistence.DiskFull.Is(new InvalidOperationException("saving", new Microsoft.Data.Sqlite.SqliteException("database or disk is full", 13))));
        Assert.False(ImportPortal.Persistence.DiskFull.Is(new IOException("The client reset the request stream.")));
        Assert.False(ImportPortal.Persistence.DiskFull.Is(new Microsoft.Data.Sqlite.SqliteException("database is locked", 5)));
    }

    [Fact]
    public async Task A_broken_connection_mid_upload_leaves_no_half_written_file()
    {
        await Assert.ThrowsAsync<IOException>(() => Store.SaveAsync(new FailingStream(64 * 1024), "cut.csv", "a", null, Ct));

        Assert.Empty(Directory.GetFiles(Store.Folder));
        Assert.Equal(0, (await Store.ListAsync(0, 10, Ct)).Total);
    }

    [Fact]
    public async Task An_empty_file_is_refused_and_a_path_in_the_name_is_never_used()
    {
        var empty = await Store.SaveAsync(new MemoryStream(), "empty.csv", "a", null, Ct);
        var sneaky = await Store.SaveAsync(Csv("x\n1\n"), "../../etc/passwd", "a", null, Ct);

        Assert.Equal("Uploads.Empty", empty.ProblemKey);
        var upload = (await Store.FindAsync(sneaky.UploadId!.Value, Ct))!;
        Assert.Equal("passwd", upload.OriginalName);
        Assert.StartsWith(Store.Folder, Store.PathOf(upload), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_portal.DataDir, "..", "etc", "passwd")));
    }

    [Fact]
    public async Task Deleting_removes_the_row_and_the_file_and_is_audited()
    {
        var outcome = await Store.SaveAsync(Csv("x\n1\n"), "x.csv", "a", null, Ct);

        Assert.True(await Store.DeleteAsync("admin", outcome.UploadId!.Value, Ct));

        Assert.Empty(Directory.GetFiles(Store.Folder));
        Assert.Equal(["upload.created", "upload.deleted"], await _portal.InDatabaseAsync(db => db.AuditEvents.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>Gives some bytes, then fails like a dropped connection.</summary>
    private sealed class FailingStream(int bytesBeforeFailure) : Stream
    {
        private int _given;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _given; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_given >= bytesBeforeFailure)
            {
                throw new IOException("The client disconnected.");
            }

            var n = Math.Min(count, bytesBeforeFailure - _given);
            _given += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
