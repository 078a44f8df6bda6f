using System.Net;

namespace CxMonitor.Web.Tests;

/// <summary>The built <c>cxmonitor</c> executable, run as its own process as an operator would.</summary>
public class CliExecutable(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task The_executable_creates_a_key_without_starting_a_server_and_the_app_accepts_it()
    {
        var directory = folder.NewSub();
        var settings = TestApp.BerlinSeed.Select(s => $"--{s.Key}={s.Value}");

        var result = await CxmonitorProcess.RunAsync(["keys", "create", "--source", "kiosk", "--sites", "*", $"--State:Directory={directory}", .. settings]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        await using var app = TestApp.WithSites(directory);
        var response = await app.ClientWithKey(result.Lines[0]).GetAsync("/api/v1/sites");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
