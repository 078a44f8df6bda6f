namespace CxMonitor.Web.Tests;

/// <summary>A read-retry count outside 0–10 stops the app at start with a message naming the
/// setting and its range, and exit code 1, rather than a node that hammers a struggling InfluxDB.</summary>
public sealed class InfluxSettingsAtStart(TempFolder folder) : IClassFixture<TempFolder>
{
    [Theory]
    [InlineData("-1")]
    [InlineData("11")]
    public async Task Read_retries_out_of_range_end_the_start_with_the_settings_name_and_exit_code_1(string retries)
    {
        var result = await CxmonitorProcess.RunAsync(
            $"--State:Directory={folder.NewSub()}", "--urls=http://127.0.0.1:0", "--Influx:CreateDatabases=false",
            "--Influx:Url=http://127.0.0.1:9/", $"--Influx:ReadRetries={retries}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The configuration is invalid: ", result.Stderr);
        Assert.Contains("'ReadRetries' with the error: 'The field ReadRetries must be between 0 and 10.'", result.Stderr);
        Assert.DoesNotContain("Now listening", result.Stdout);
    }
}
