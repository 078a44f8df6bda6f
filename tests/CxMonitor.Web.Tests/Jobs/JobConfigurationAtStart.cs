using CxMonitor.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Jobs;

public class JobConfigurationAtStart
{
    [Fact]
    public async Task A_bad_cron_expression_in_configuration_stops_startup_naming_the_job_and_the_expression()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("digest", "0 0 6 * * ?"),
            ("Jobs:digest:Cron", "0 0 25 * * ?"));

        var message = StartupFailure(app);

        Assert.Contains("Job 'digest'", message);
        Assert.Contains("Jobs:digest:Cron '0 0 25 * * ?'", message);
        Assert.Contains("hour", message);
    }

    [Fact]
    public async Task An_interval_and_a_cron_both_in_configuration_stop_startup()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("probe-rollup", TimeSpan.FromMinutes(1)),
            ("Jobs:probe-rollup:Interval", "00:05:00"), ("Jobs:probe-rollup:Cron", "0 0 * * * ?"));

        Assert.Contains("set either Jobs:probe-rollup:Interval or Jobs:probe-rollup:Cron, not both", StartupFailure(app));
    }

    [Fact]
    public void A_bad_cron_expression_in_code_is_rejected_when_the_job_is_added()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddScheduledJob<ProbeJob>("digest", "every morning"));

        Assert.Contains("Job 'digest': 'every morning'", error.Message);
    }

    [Fact]
    public void An_interval_in_code_that_a_cron_cannot_keep_is_rejected_when_the_job_is_added()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddScheduledJob<ProbeJob>("digest", TimeSpan.FromMinutes(7)));

        Assert.Contains("Job 'digest': interval '0:07:00' cannot be kept exactly by a cron schedule", error.Message);
    }

    [Theory]
    [InlineData("00:00:01", "* * * * * *")]
    [InlineData("00:00:10", "*/10 * * * * *")]
    [InlineData("00:00:30", "*/30 * * * * *")]
    [InlineData("00:01:00", "0 */1 * * * *")]
    [InlineData("00:15:00", "0 */15 * * * *")]
    [InlineData("01:00:00", "0 0 */1 * * *")]
    [InlineData("06:00:00", "0 0 */6 * * *")]
    [InlineData("1.00:00:00", "0 0 0 * * *")]
    public void An_interval_runs_as_the_cron_that_keeps_it_exactly(string interval, string cron) =>
        Assert.Equal(cron, JobSchedule.IntervalCron(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("00:00:00.5")]
    [InlineData("00:00:07")]
    [InlineData("00:00:45")]
    [InlineData("00:07:00")]
    [InlineData("00:01:30")]
    [InlineData("05:00:00")]
    [InlineData("2.00:00:00")]
    public void An_interval_that_does_not_repeat_evenly_within_a_minute_hour_or_day_has_no_cron(string interval) =>
        Assert.Null(JobSchedule.IntervalCron(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Two_jobs_cannot_share_a_name()
    {
        var services = new ServiceCollection().AddScheduledJob<ProbeJob>("probe-rollup", TimeSpan.FromHours(1));

        var error = Assert.Throws<InvalidOperationException>(() => services.AddScheduledJob<ProbeJob>("Probe-Rollup", TimeSpan.FromDays(1)));

        Assert.Contains("'Probe-Rollup' is already registered", error.Message);
    }

    /// <summary>The exception from starting the app, plus what the host logged as it failed. The log
    /// is there because WebApplicationFactory now and then surfaces an ObjectDisposedException
    /// instead of the cause: the app disposes its host as it fails while the factory still reads it.</summary>
    internal static string StartupFailure(JobsApp app)
    {
        var error = Record.Exception(() => app.Client);
        Assert.NotNull(error);
        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
            messages.Add(e.Message);
        messages.Add(app.Errors.Text);
        return string.Join(" | ", messages);
    }
}
