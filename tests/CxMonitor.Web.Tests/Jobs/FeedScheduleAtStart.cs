namespace CxMonitor.Web.Tests.Jobs;

public class FeedScheduleAtStart
{
    [Fact]
    public async Task A_feed_every_that_no_cron_keeps_ends_the_start_naming_the_setting()
    {
        var state = Path.Combine(Path.GetTempPath(), "cxevery-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var result = await CxmonitorProcess.RunAsync($"--State:Directory={state}", "--urls=http://127.0.0.1:0", "--Influx:CreateDatabases=false",
                "--Feeds:Sources:blog:Kind=rss", "--Feeds:Sources:blog:Url=http://127.0.0.1:9/r.rss", "--Feeds:Sources:blog:Site=berlin",
                "--Feeds:Sources:blog:Platform=blog", "--Feeds:Sources:blog:Every=00:07:00");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("Feeds:Sources:blog:Every '0:07:00' cannot be kept exactly by a cron schedule", result.Stderr);
        }
        finally
        {
            if (Directory.Exists(state))
                Directory.Delete(state, recursive: true);
        }
    }
}
