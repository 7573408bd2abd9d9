using ImportPortal.Domain.Migration;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>How long the loop waits before sending a record again.</summary>
public sealed class LoopOptionsTests
{
    private static readonly LoopOptions Options = new() { FirstRetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(60) };

    [Fact]
    public void The_wait_doubles_from_the_first_delay_with_half_of_it_random_so_a_burst_of_failures_comes_back_spread()
    {
        var third = Enumerable.Range(0, 500).Select(_ => Options.RetryDelay(3, null)).ToList();

        Assert.All(third, d => Assert.InRange(d, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)));
        Assert.True(third.Max() - third.Min() > TimeSpan.FromSeconds(1), $"waits spread only {third.Min()}–{third.Max()}");
        Assert.All(Enumerable.Range(0, 100).Select(_ => Options.RetryDelay(1, null)), d => Assert.InRange(d, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_Retry_After_longer_than_the_backoff_is_waited_in_full_and_every_wait_is_capped()
    {
        Assert.All(Enumerable.Range(0, 100).Select(_ => Options.RetryDelay(1, TimeSpan.FromSeconds(10))), d => Assert.Equal(TimeSpan.FromSeconds(10), d));
        Assert.All(Enumerable.Range(0, 100).Select(_ => Options.RetryDelay(20, null)), d => Assert.InRange(d, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)));
        Assert.Equal(TimeSpan.FromSeconds(60), Options.RetryDelay(1, TimeSpan.FromMinutes(5)));
    }
}
