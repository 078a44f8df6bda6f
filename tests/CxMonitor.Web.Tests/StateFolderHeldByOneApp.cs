using CxMonitor.Testing;
using System.Net;

namespace CxMonitor.Web.Tests;

/// <summary>Two apps on one state folder would share the spool: the second would deliver the
/// first one's backlog and delete its segments. The apps run as real processes, killed with -9.</summary>
public sealed class StateFolderHeldByOneApp(TempFolder folder) : IClassFixture<TempFolder>
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_second_app_on_the_same_folder_refuses_to_start_and_the_lock_dies_with_the_first()
    {
        var state = folder.NewSub();
        var settings = new Dictionary<string, string>
        {
            ["State:Directory"] = state,
            ["Influx:Url"] = "http://127.0.0.1:9/",
            ["Influx:CreateDatabases"] = "false",
        };
        await using var first = AppProcess.Launch(settings);
        await first.WaitUntilLiveAsync(StartTimeout);

        await using var second = AppProcess.Launch(settings);
        var exitCode = await second.WaitForExitAsync(StartTimeout);
        Assert.Equal(3, exitCode);
        Assert.Contains($"The state folder {state} is held by pid {first.Pid} on host {Environment.MachineName}", second.Log);

        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(first.Url, "health/live"))).StatusCode);
        var cli = await CxmonitorProcess.RunAsync("keys", "create", "--source", "kiosk", "--sites", "*", $"--State:Directory={state}");
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        Assert.StartsWith("cxk_", cli.Stdout);

        await first.KillAsync();
        await using var third = AppProcess.Launch(settings);
        await third.WaitUntilLiveAsync(StartTimeout);
        Assert.StartsWith($"pid {third.Pid} on host {Environment.MachineName}, started ", HolderLine(state));
    }

    /// <summary>Read with cat, which takes no lock, as an operator would.</summary>
    private static string HolderLine(string state)
    {
        using var cat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("cat", [Path.Combine(state, "cxmonitor.lock")]) { RedirectStandardOutput = true })!;
        var text = cat.StandardOutput.ReadToEnd();
        cat.WaitForExit();
        return text;
    }
}
