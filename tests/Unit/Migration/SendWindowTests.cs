using ImportPortal.Domain.Migration;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>A nightly window on Vietnam's wall clock (UTC+7): when a run may send, and when it next opens and closes.</summary>
public sealed class SendWindowTests
{
    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "ICT", "ICT");
    private static readonly SendWindow Night = new(new TimeOnly(22, 0), new TimeOnly(6, 0));
    private static readonly SendWindow Lunch = new(new TimeOnly(12, 0), new TimeOnly(13, 30));

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, TimeSpan.FromHours(7));

    [Theory]
    [InlineData(1, 21, 59, false)]
    [InlineData(1, 22, 0, true)]
    [InlineData(1, 23, 30, true)]
    [InlineData(2, 0, 0, true)]
    [InlineData(2, 5, 59, true)]
    [InlineData(2, 6, 0, false)]
    [InlineData(2, 12, 0, false)]
    public void A_window_across_midnight_holds_the_night_and_not_the_day(int day, int hour, int minute, bool open)
    {
        Assert.Equal(open, Night.Contains(At(day, hour, minute), Vietnam));
        // The same moment written in UTC is the same moment.
        Assert.Equal(open, Night.Contains(At(day, hour, minute).ToUniversalTime(), Vietnam));
    }

    [Fact]
    public void A_window_within_a_day_holds_its_hours()
    {
        Assert.True(Lunch.Contains(At(1, 12, 0), Vietnam));
        Assert.True(Lunch.Contains(At(1, 13, 29), Vietnam));
        Assert.False(Lunch.Contains(At(1, 13, 30), Vietnam));
        Assert.False(Lunch.Contains(At(1, 11, 59), Vietnam));
    }

    [Fact]
    public void It_opens_tonight_from_the_day_and_tomorrow_night_from_the_night()
    {
        Assert.Equal(At(1, 22), Night.NextOpen(At(1, 9), Vietnam));
        Assert.Equal(At(2, 22), Night.NextOpen(At(1, 23), Vietnam));
        Assert.Equal(At(2, 22), Night.NextOpen(At(2, 3), Vietnam));
        Assert.Equal(At(2, 22), Night.NextOpen(At(1, 22), Vietnam));
    }

    [Fact]
    public void It_closes_at_the_end_of_the_night_open_now_or_of_the_next_one()
    {
        Assert.Equal(At(2, 6), Night.NextClose(At(1, 23), Vietnam));
        Assert.Equal(At(2, 6), Night.NextClose(At(2, 3), Vietnam));
        Assert.Equal(At(2, 6), Night.NextClose(At(1, 9), Vietnam));
        Assert.Equal(At(3, 6), Night.NextClose(At(2, 6), Vietnam));
        Assert.Equal(TimeSpan.FromHours(7), Night.NextClose(At(1, 23).ToUniversalTime(), Vietnam).Offset);
    }

    [Fact]
    public void From_and_until_the_same_is_no_window()
    {
        Assert.True(new SendWindow(new TimeOnly(22, 0), new TimeOnly(22, 0)).IsEmpty);
        Assert.False(Night.IsEmpty);
    }
}
