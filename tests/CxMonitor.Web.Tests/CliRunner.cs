using CommandLine = CxMonitor.Web.Cli.Cli;

namespace CxMonitor.Web.Tests;

public sealed record CliResult(int? ExitCode, string Stdout, string Stderr)
{
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs <c>Cli.TryRunAsync</c> in-process against an app-state folder, with the seed
/// sites passed as command-line settings, exactly as an operator could.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(string stateDirectory, params string[] args)
    {
        var settings = TestApp.BerlinSeed.Select(s => $"--{s.Key}={s.Value}").Append($"--State:Directory={stateDirectory}")
            .Concat(CxMonitor.Testing.AppStateUnderTest.Settings(stateDirectory).Select(s => $"--{s.Key}={s.Value}"));
        return await RunRawAsync([.. args, .. settings]);
    }

    public static async Task<CliResult> RunRawAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await CommandLine.TryRunAsync(args, stdout, stderr);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
