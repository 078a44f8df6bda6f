using CxMonitor.Testing;

namespace CxMonitor.Web.Tests;

/// <summary>What <c>cxmonitor rollups rebuild</c> refuses, before it touches InfluxDB (which is
/// not running here: a closed port). The rebuild itself is tested in Metrics/RollupsAfterACrash.</summary>
public class RollupsCli(TempFolder folder) : IClassFixture<TempFolder>
{
    [Theory]
    [InlineData("--from=2026-11-01", "--to is required")]
    [InlineData("--from=yesterday --to=2026-11-02", "--from 'yesterday' is not a date")]
    [InlineData("--from=2026-11-01T10:00:00 --to=2026-11-02", "--from '2026-11-01T10:00:00' is not a date")]
    [InlineData("--from=2026-11-02 --to=2026-11-01T12:00:00Z", "--to (2026-11-01T12:00:00Z) must be after --from (2026-11-02T00:00:00Z)")]
    [InlineData("--from=2026-11-01 --to=2026-11-02 --site=north", "Use 'cxmonitor rollups rebuild")]
    public async Task Bad_arguments_are_a_usage_error_naming_the_option(string options, string message)
    {
        var result = await CliRunner.RunAsync(folder.NewSub(), ["rollups", "rebuild", .. options.Split(' ')]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task A_range_older_than_the_raw_retention_fails_without_asking_influxdb()
    {
        var result = await CliRunner.RunAsync(folder.NewSub(), "rollups", "rebuild", "--from", "1926-11-01", "--to", "1926-12-01",
            $"--Influx:Url=http://127.0.0.1:{FreePort.Next()}/", "--Influx:RawRetentionDays=30");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Influx:RawRetentionDays = 30", result.Stderr);
    }

    [Fact]
    public async Task An_unreachable_influxdb_fails_with_its_address()
    {
        var port = FreePort.Next();
        var day = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var result = await CliRunner.RunAsync(folder.NewSub(), "rollups", "rebuild", "--from", day, "--to", day + "T03:00:00Z",
            $"--Influx:Url=http://127.0.0.1:{port}/");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"127.0.0.1:{port}", result.Stderr);
    }
}
