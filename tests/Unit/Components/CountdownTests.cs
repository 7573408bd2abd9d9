using Bunit;
using ImportPortal.Components.Shared;
using ImportPortal.Tests.Unit.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ImportPortal.Tests.Unit.Components;

/// <summary>A waiting run's "in 1:59:58" goes down while the page is open, and stops at zero.</summary>
public sealed class CountdownTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public void The_time_left_goes_down_each_second_and_stays_at_zero_once_the_moment_has_passed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));
        Services.AddSingleton<TimeProvider>(time);
        var until = time.GetUtcNow().AddHours(2);
        var renders = 0;

        var countdown = Render<Countdown>(p => p
            .Add(c => c.Until, until)
            .Add(c => c.ChildContent, left => builder =>
            {
                renders++;
                builder.AddContent(0, $"sends in {DisplayTime.Duration(left)}");
            }));

        Assert.Equal("sends in 2:00:00", countdown.Markup.Trim());
        time.Advance(TimeSpan.FromSeconds(1));
        countdown.WaitForAssertion(() => Assert.Equal("sends in 1:59:59", countdown.Markup.Trim()), Wait);
        time.Advance(TimeSpan.FromMinutes(61));
        countdown.WaitForAssertion(() => Assert.Equal("sends in 58:59", countdown.Markup.Trim()), Wait);
        time.Advance(TimeSpan.FromHours(1));
        countdown.WaitForAssertion(() => Assert.Equal("sends in 0:00", countdown.Markup.Trim()), Wait);
        Assert.True(renders >= 4, $"{renders} renders");
    }

    [Fact]
    public async Task A_closed_page_stops_its_countdown()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));
        Services.AddSingleton<TimeProvider>(time);
        var renders = 0;
        var countdown = Render<Countdown>(p => p
            .Add(c => c.Until, time.GetUtcNow().AddMinutes(5))
            .Add(c => c.ChildContent, left => builder => builder.AddContent(0, $"{++renders}")));
        time.Advance(TimeSpan.FromSeconds(1));
        countdown.WaitForAssertion(() => Assert.Equal(2, renders), Wait);

        await DisposeComponentsAsync();
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(2, renders);
    }
}
