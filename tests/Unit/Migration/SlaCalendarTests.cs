using System.Text.Json.Nodes;
using ImportPortal.Domain.Migration;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>Working time as Helpdesk measures it: each working day's hours between two moments, holidays left out.</summary>
public sealed class SlaCalendarTests
{
    // Monday to Friday, 10:00 to 18:00, with Vietnam's 30 April and 1 May of 2024 off (a Tuesday and a Wednesday).
    private static readonly SlaCalendar Office = SlaCalendar.From(
        new JsonObject
        {
            ["support_and_resolution"] = new JsonArray([.. new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" }
                .Select(d => (JsonNode)new JsonObject { ["workday"] = d, ["start_time"] = "10:00:00", ["end_time"] = "18:00:00" })]),
        },
        new JsonObject
        {
            ["holidays"] = new JsonArray(
                new JsonObject { ["holiday_date"] = "2024-04-30", ["description"] = "Giải phóng miền Nam" },
                new JsonObject { ["holiday_date"] = "2024-05-01", ["description"] = "Quốc tế Lao động" }),
        });

    [Theory]
    [InlineData("2024-05-10 17:00:00", "2024-05-13 11:00:00", 2 * 3600)] // Friday's last hour and Monday's first: the weekend does not count
    [InlineData("2024-05-13 08:00:00", "2024-05-13 20:00:00", 8 * 3600)] // before and after hours: the working day only
    [InlineData("2024-05-13 10:30:15", "2024-05-13 10:45:00", 885)] // within one morning, to the second
    [InlineData("2024-04-26 17:00:00", "2024-05-02 11:00:00", 10 * 3600)] // Fri 1 h, Mon 8 h, the two holidays nothing, Thu 1 h
    [InlineData("2024-05-11 09:00:00", "2024-05-12 23:00:00", 0)] // a weekend
    [InlineData("2024-05-13 19:00:00", "2024-05-14 09:00:00", 0)] // a night
    [InlineData("2024-05-13 12:00:00", "2024-05-13 11:00:00", 0)] // an end before its start
    [InlineData("2024-05-13 12:00:00.250000", "2024-05-13 12:00:10", 9)] // whole seconds, as the site writes microseconds
    public void Counts_the_working_seconds_between_two_moments(string start, string end, long seconds) =>
        Assert.Equal(seconds, Office.WorkingSeconds(SlaCalendar.DateTimeOf(start)!.Value, SlaCalendar.DateTimeOf(end)!.Value));

    [Theory]
    [InlineData("2024-05-13 10:00:00", true)] // a Monday's first second
    [InlineData("2024-05-13 17:59:59", true)]
    [InlineData("2024-05-13 18:00:00", false)] // the end of the hours is outside them, as Helpdesk tests it
    [InlineData("2024-05-13 09:59:59", false)]
    [InlineData("2024-05-11 12:00:00", false)] // a Saturday
    [InlineData("2024-04-30 12:00:00", false)] // a holiday on a Tuesday
    public void Tells_whether_a_moment_lies_in_the_working_hours(string at, bool working)
    {
        Assert.Equal(working, Office.IsWorkingTime(SlaCalendar.DateTimeOf(at)!.Value));
        Assert.True(SlaCalendar.AllHours.IsWorkingTime(SlaCalendar.DateTimeOf(at)!.Value));
    }

    [Fact]
    public void A_year_counts_every_working_day_once()
    {
        // 2024 has 262 weekdays; two of them are the holidays above.
        var year = Office.WorkingSeconds(new DateTime(2024, 1, 1), new DateTime(2025, 1, 1));

        Assert.Equal(260L * 8 * 3600, year);
    }

    [Fact]
    public void Frappe_time_values_without_a_leading_zero_are_read()
    {
        // MariaDB's TIME comes back as a timedelta: "9:00:00".
        var calendar = SlaCalendar.From(
            new JsonObject { ["support_and_resolution"] = new JsonArray(new JsonObject { ["workday"] = "Monday", ["start_time"] = "9:00:00", ["end_time"] = "17:30:00" }) },
            holidayList: null);

        Assert.False(calendar.IsAllHours);
        Assert.Equal((long)(8.5 * 3600), calendar.WorkingSeconds(new DateTime(2024, 5, 13, 0, 0, 0), new DateTime(2024, 5, 14, 0, 0, 0)));
        Assert.Equal(0, calendar.WorkingSeconds(new DateTime(2024, 5, 14, 0, 0, 0), new DateTime(2024, 5, 19, 0, 0, 0)));
    }

    [Fact]
    public void An_sla_without_working_hours_counts_every_second()
    {
        var calendar = SlaCalendar.From(new JsonObject { ["support_and_resolution"] = new JsonArray() }, holidayList: null);

        Assert.True(calendar.IsAllHours);
        Assert.Equal(3 * 86400 + 5, calendar.WorkingSeconds(new DateTime(2024, 5, 11, 9, 0, 0), new DateTime(2024, 5, 14, 9, 0, 5)));
    }

    [Fact]
    public void The_durations_wanted_are_those_whose_end_the_dates_give_and_the_profile_does_not_map()
    {
        var dates = new JsonObject { ["first_responded_on"] = "2024-05-10 10:30:00", ["resolution_date"] = null, ["last_agent_response"] = "2024-05-11 08:00:00" };
        Assert.Equal([(TicketDurations.FirstResponseTime, new DateTime(2024, 5, 10, 10, 30, 0))], TicketDurations.Wanted(dates));

        dates["resolution_date"] = "2024-05-11 08:00:00";
        dates[TicketDurations.FirstResponseTime] = 600;
        Assert.Equal([(TicketDurations.ResolutionTime, new DateTime(2024, 5, 11, 8, 0, 0))], TicketDurations.Wanted(dates));
    }
}
