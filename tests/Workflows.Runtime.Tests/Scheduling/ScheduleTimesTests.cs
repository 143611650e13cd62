using Workflows.Scheduling;

namespace Workflows.Runtime.Tests.Scheduling;

/// <summary>The times a spec names: intervals with offsets, cron in a time zone across daylight saving time, jitter, bounds.</summary>
public sealed class ScheduleTimesTests
{
    private static DateTime Utc(int year, int month, int day, int hour, int minute, int second = 0) => new(year, month, day, hour, minute, second, DateTimeKind.Utc);

    [Test]
    public void An_interval_counts_from_the_epoch_with_its_offset()
    {
        var hourlyAtFive = ScheduleSpec.Every(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));
        Assert.That(ScheduleTimes.Next(hourlyAtFive, Utc(2026, 12, 7, 10, 7)), Is.EqualTo(Utc(2026, 12, 7, 11, 5)));
        Assert.That(ScheduleTimes.Next(hourlyAtFive, Utc(2026, 12, 7, 11, 5)), Is.EqualTo(Utc(2026, 12, 7, 12, 5)), "strictly after");
        Assert.That(ScheduleTimes.Upcoming(ScheduleSpec.Every(TimeSpan.FromSeconds(90)), Utc(2026, 12, 7, 0, 0), 3),
            Is.EqualTo(new[] { Utc(2026, 12, 7, 0, 1, 30), Utc(2026, 12, 7, 0, 3), Utc(2026, 12, 7, 0, 4, 30) }));
    }

    [Test]
    public void Cron_in_a_time_zone_follows_daylight_saving_time()
    {
        var nightly = ScheduleSpec.Cron("30 2 * * *", "Europe/Berlin");
        // 2027-03-28: clocks jump from 02:00 to 03:00, so 02:30 does not exist that night: it runs at the jump.
        Assert.That(ScheduleTimes.Next(nightly, Utc(2027, 3, 27, 12, 0)), Is.EqualTo(Utc(2027, 3, 28, 1, 0)));
        // 2026-10-25: 02:30 happens twice (summer time, then winter time): it runs once.
        var autumn = ScheduleTimes.Upcoming(nightly, Utc(2026, 10, 24, 12, 0), 2);
        Assert.That(autumn, Is.EqualTo(new[] { Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 26, 1, 30) }));
        Assert.That(ScheduleTimes.Next(ScheduleSpec.Cron("*/15 * * * * *"), Utc(2026, 12, 7, 10, 0, 1)), Is.EqualTo(Utc(2026, 12, 7, 10, 0, 15)), "six fields: seconds first");
    }

    [Test]
    public void Start_and_end_bound_the_times()
    {
        var spec = ScheduleSpec.Every(TimeSpan.FromMinutes(1)) with { StartAt = Utc(2026, 12, 7, 10, 3), EndAt = Utc(2026, 12, 7, 10, 5) };
        Assert.That(ScheduleTimes.Upcoming(spec, Utc(2026, 12, 7, 10, 0), 10), Is.EqualTo(new[] { Utc(2026, 12, 7, 10, 3), Utc(2026, 12, 7, 10, 4), Utc(2026, 12, 7, 10, 5) }));
        Assert.That(ScheduleTimes.Next(spec, Utc(2026, 12, 7, 10, 5)), Is.Null);
    }

    [Test]
    public void Jitter_is_within_its_bound_the_same_every_time_and_differs_between_times()
    {
        var jitter = TimeSpan.FromSeconds(30);
        var times = Enumerable.Range(0, 50).Select(i => Utc(2026, 12, 7, 10, 0).AddMinutes(i)).ToList();
        var delays = times.Select(t => ScheduleTimes.JitterOf("report", t, jitter)).ToList();
        Assert.That(delays, Is.All.GreaterThanOrEqualTo(TimeSpan.Zero).And.LessThan(jitter));
        Assert.That(times.Select(t => ScheduleTimes.JitterOf("report", t, jitter)), Is.EqualTo(delays), "derived, not drawn");
        Assert.That(delays.Distinct().Count(), Is.GreaterThan(40), "spread over the window");
        Assert.That(ScheduleTimes.JitterOf("report", times[0], TimeSpan.Zero), Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Run_ids_name_the_schedule_and_the_time_in_utc()
    {
        Assert.That(ScheduleIds.Run("report", Utc(2026, 12, 8, 2, 0)), Is.EqualTo("report@2026-12-08T02:00:00Z"));
        Assert.That(ScheduleIds.Run("report", Utc(2026, 12, 8, 2, 0).AddMilliseconds(250)), Is.EqualTo("report@2026-12-08T02:00:00.2500000Z"));
        Assert.That(() => ScheduleIds.Validate(new string('x', ScheduleIds.MaxLength + 1)), Throws.ArgumentException.With.Message.Contain("its runs' IDs add the scheduled time"));
    }
}
