namespace CxMonitor.Web.Tests.Feeds;

/// <summary>A feed that cannot work stops the start with its message and a clean exit code, as
/// an operator's service manager expects, not with an unhandled exception and SIGABRT.</summary>
public sealed class FeedSettingsAtStart : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "cxfeedstart-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_state))
            Directory.Delete(_state, recursive: true);
    }

    [Theory]
    [InlineData("Preset=google-play-csv", "Feeds:Sources:play:Preset: 'google-play-csv' is a CSV export; import it")]
    [InlineData("Preset=no-such-platform", "Feeds:Sources:play:Preset: 'no-such-platform' is not a preset")]
    [InlineData("Kind=json", "Feeds:Sources:play:Mapping: a json feed without a preset needs a mapping")]
    public async Task A_feed_that_cannot_be_polled_ends_the_start_with_its_message_and_exit_code_1(string setting, string message)
    {
        var (key, value) = (setting.Split('=')[0], setting.Split('=')[1]);

        var result = await CxmonitorProcess.RunAsync(
            $"--State:Directory={_state}", "--urls=http://127.0.0.1:0", "--Influx:CreateDatabases=false",
            $"--Feeds:Sources:play:{key}={value}", "--Feeds:Sources:play:Url=http://127.0.0.1:9/reviews", "--Feeds:Sources:play:Site=berlin");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The configuration is invalid: " + message, result.Stderr);
        Assert.DoesNotContain("Unhandled exception", result.Stderr + result.Stdout);
        Assert.DoesNotContain("   at ", result.Stderr + result.Stdout);
        Assert.DoesNotContain("Now listening", result.Stdout);
    }
}
