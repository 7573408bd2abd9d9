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

    [Theory]
    // Sending in the night's window at 23:00: two hours end at 01:00; ten hours take the 7 left tonight and 3 the next night.
    [InlineData(1, 23, 0, 2, true, 2, 1, 1)]
    [InlineData(1, 23, 0, 10, true, 3, 1, 2)]
    // Waiting at 09:00: two hours from 22:00 end at midnight, in one window; 8 a night, so 20 hours take three.
    [InlineData(1, 9, 0, 2, false, 2, 0, 1)]
    [InlineData(1, 9, 0, 20, false, 4, 2, 3)]
    // Resumed by hand at 09:00 without a moment: it sends through to 06:00 (21 hours), in one stretch.
    [InlineData(1, 9, 0, 20, true, 2, 5, 1)]
    public void A_run_that_sends_only_in_its_window_ends_after_as_many_nights_as_its_sending_needs(int day, int hour, int minute, int hours, bool sendingNow, int endDay, int endHour, int windows)
    {
        var finish = Night.FinishAt(At(day, hour, minute), TimeSpan.FromHours(hours), Vietnam, sendingNow);

        Assert.Equal((At(endDay, endHour), windows), finish);
    }

    [Fact]
    public void Sending_until_a_moment_by_hand_counts_that_stretch_then_the_nights()
    {
        // 09:00, sending until 12:00: 3 of 5 hours then, the other 2 from 22:00.
        Assert.Equal((At(2, 0), 2), Night.FinishAt(At(1, 9), TimeSpan.FromHours(5), Vietnam, sendingNow: true, sendsUntil: At(1, 12)));
        Assert.Equal((At(1, 11), 1), Night.FinishAt(At(1, 9), TimeSpan.FromHours(2), Vietnam, sendingNow: true, sendsUntil: At(1, 12)));
        // Inside the window a moment by hand no longer applies: the window's close does.
        Assert.Equal((At(2, 5), 1), Night.FinishAt(At(1, 23), TimeSpan.FromHours(6), Vietnam, sendingNow: true, sendsUntil: At(1, 23, 30)));
    }

    [Fact]
    public void No_window_ends_when_the_sending_does_and_more_than_a_year_of_sending_has_no_end()
    {
        Assert.Equal((At(1, 11), 1), new SendWindow(new TimeOnly(22, 0), new TimeOnly(22, 0)).FinishAt(At(1, 9), TimeSpan.FromHours(2), Vietnam, sendingNow: true));
        // Ninety minutes a day: 600 days of sending would take over a year of lunches.
        Assert.Null(Lunch.FinishAt(At(1, 9), TimeSpan.FromDays(600), Vietnam, sendingNow: false));
        Assert.Equal((At(3, 13), 2), Lunch.FinishAt(At(2, 9), TimeSpan.FromMinutes(150), Vietnam, sendingNow: false));
    }
}
