using System.Diagnostics;

namespace CxMonitor.Testing;

/// <summary>Waits for a server a test started to answer over HTTP: the one loop for the app, the
/// test host's cxmonitor and the benchmark's floor server.</summary>
public static class HttpReadiness
{
    /// <summary>Asks <paramref name="url"/> until it answers 2xx. Throws with <paramref name="log"/>
    /// once <paramref name="process"/> has exited, or after <paramref name="timeout"/>.</summary>
    public static async Task WaitAsync(Uri url, Process process, string name, TimeSpan timeout, Func<string> log)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{name} exited with {process.ExitCode} at start:\n{log()}");
            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode)
                    return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or slow under load: ask again.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{name} did not answer {url.AbsolutePath} within {timeout.TotalSeconds:0} s:\n{log()}");
    }
}
