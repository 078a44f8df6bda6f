using System.Diagnostics;

namespace CxMonitor.Web.Tests;

/// <summary>Runs the built <c>cxmonitor.dll</c> (copied beside the tests) as its own process.</summary>
public static class CxmonitorProcess
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", ["cxmonitor.dll", .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
