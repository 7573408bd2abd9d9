using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.TestData;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImportPortal.Bench;

/// <summary>
/// Attachments through the real run job: an account export whose every ticket's description came with one file, each
/// fetched from a file store on loopback (in the benchmark's process, on the portal's core) and uploaded to its message
/// on a simulator process on its own core. Reports the attachments stage's files/s and MB/s, and the portal's peak
/// memory while it sends (files are streamed through temporary files, never held whole), and fails when a file did not
/// make it.
/// </summary>
internal static class FileThroughput
{
    public static async Task<int> RunAsync(int tickets, int kilobytes, CancellationToken ct)
    {
        var size = kilobytes * 1024;
        await using var origin = await FileStore.StartAsync(size);
        var zip = Path.Combine(Path.GetTempPath(), $"importportal-bench-{Guid.NewGuid():N}.zip");
        try
        {
            await using (var output = File.Create(zip))
            {
                FreshdeskSampleWriter.WriteAccountExport(output, tickets, 0, i => (9_000_000 + i, $"hoá đơn {i}.pdf", origin.LinkOf(i)));
            }

            var (counts, timeline, memory, _) = await MigrationScale.RunArchiveAsync(zip, ct);

            var files = counts.FirstOrDefault(c => c.Stage == RunStage.Attachments);
            var took = timeline.Stages.Where(s => s.Stage == RunStage.Attachments).Select(s => s.Took).FirstOrDefault();
            var megabytes = (double)size * tickets / 1048576;
            Report.Line("files", $"{tickets:N0} tickets, each description with a {kilobytes:N0} KB file ({megabytes:N0} MB in all), fetched from a file store in this process and uploaded to a simulator process on its own core, 16 at once");
            Report.Line("files", $"attachments stage: {files?.Created ?? 0:N0} of {tickets:N0} files in {took.TotalSeconds:F1} s = {tickets / Math.Max(took.TotalSeconds, 0.001):N0} files/s, {megabytes / Math.Max(took.TotalSeconds, 0.001):N0} MB/s; the store served {origin.Served:N0} requests");
            Report.Line("files", $"the portal's peak working set while sending {timeline.SendingPeak.WorkingSet / 1048576.0:F0} MB (managed heap {timeline.SendingPeak.Heap / 1048576.0:F0} MB), over the whole run {memory.PeakWorkingSet / 1048576.0:F0} MB");
            var failed = counts.Sum(c => c.Failed) + counts.Sum(c => c.Pending);
            Report.Line("files", $"not succeeded: {failed:N0}");
            return failed == 0 && files?.Created == tickets ? 0 : 1;
        }
        finally
        {
            File.Delete(zip);
        }
    }

    /// <summary>Serves <c>/files/{i}</c>: <c>size</c> bytes that name the file, as a file store would.</summary>
    private sealed class FileStore(WebApplication app, int size) : IAsyncDisposable
    {
        private Uri _base = null!;
        private int _served;

        public int Served => _served;

        public string LinkOf(int i) => new Uri(_base, $"files/{i}?X-Amz-Signature=bench").AbsoluteUri;

        public static async Task<FileStore> StartAsync(int size)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var store = new FileStore(app, size);
            app.MapGet("/files/{i:int}", (int i) => store.Serve(i));
            await app.StartAsync();
            store._base = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
            return store;
        }

        // Made as it is sent, so the store holds no file in memory and the process's peak is the portal's.
        private IResult Serve(int i)
        {
            Interlocked.Increment(ref _served);
            return Results.Stream(new PatternStream(System.Text.Encoding.ASCII.GetBytes($"file {i} "), size), "application/pdf");
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>A read-only stream of <c>length</c> bytes repeating a pattern.</summary>
    private sealed class PatternStream(byte[] pattern, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var k = 0; k < n; k++)
            {
                buffer[offset + k] = pattern[(_position + k) % pattern.Length];
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
