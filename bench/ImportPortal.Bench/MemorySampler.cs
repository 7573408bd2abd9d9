using System.Diagnostics;

namespace ImportPortal.Bench;

/// <summary>
/// Samples the process every 100 ms on a background task: the highest working set and managed heap seen, and at
/// the end the kernel's own high-water mark (<see cref="Process.PeakWorkingSet64"/>, VmHWM on Linux).
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;

    private MemorySampler() => sampling = Task.Run(SampleAsync);

    public long PeakWorkingSet { get; private set; }

    public long PeakManagedHeap { get; private set; }

    public int Samples { get; private set; }

    public static MemorySampler Start() => new();

    /// <summary>On Linux, resets the kernel's VmHWM so the peak covers what follows only (not the file generation).</summary>
    public static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static long ProcessPeak()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        Sample();
        stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        Sample();
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        PeakWorkingSet = Math.Max(PeakWorkingSet, process.WorkingSet64);
        PeakManagedHeap = Math.Max(PeakManagedHeap, GC.GetTotalMemory(false));
        Samples++;
    }
}
