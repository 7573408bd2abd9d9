using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ImportPortal.Tests.E2E.Infrastructure;

/// <summary>
/// The real portal in its own process on a loopback port, with its own data folder: what an operator runs,
/// and what a test can kill and start again.
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private PortalProcess(Process process, string dataDir)
    {
        _process = process;
        DataDir = dataDir;
    }

    public string DataDir { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Everything the portal wrote to stdout and stderr so far.</summary>
    public string Log => string.Join('\n', _log);

    public bool HasExited => _process.HasExited;

    public static async Task<PortalProcess> StartAsync(string dataDir, IReadOnlyDictionary<string, string>? settings = null, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.PortalDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.PortalDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Portal__DataDir"] = dataDir;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var portal = new PortalProcess(process, dataDir);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => portal.Capture(e.Data, listening);
        process.ErrorDataReceived += (_, e) => portal.Capture(e.Data, listening);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var exited = process.WaitForExitAsync(timeout.Token);
        var first = await Task.WhenAny(listening.Task, exited);
        if (first != listening.Task)
        {
            await portal.DisposeAsync();
            throw new InvalidOperationException("The portal did not start listening:\n" + portal.Log);
        }

        portal.BaseUrl = await listening.Task;
        return portal;
    }

    /// <summary>SIGKILL: no shutdown hooks, like a power cut.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Capture(string? line, TaskCompletionSource<Uri> listening)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
