using System.Diagnostics;
using System.Text;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests;

/// <summary>The built <c>cxmonitor.dll</c> (copied beside the tests) serving on a real port as its
/// own process, so a test can kill -9 it or start a second one beside it. Stopped by its own PID.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private AppProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Url { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>Starts the app with settings as <c>--Key=value</c> arguments; does not wait.</summary>
    public static AppProcess Start(IDictionary<string, string> settings)
    {
        var port = FreePort.Next();
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("cxmonitor.dll");
        psi.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var (key, value) in settings)
            psi.ArgumentList.Add($"--{key}={value}");
        return new AppProcess(Process.Start(psi)!, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Waits until <c>/health/live</c> answers 200; throws with the app's log if it exits first.</summary>
    public async Task WaitUntilLiveAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the app exited with {_process.ExitCode}: {Log}");
            try
            {
                if ((await http.GetAsync(new Uri(Url, "health/live"))).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow under load; ask again.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the app did not answer /health/live within {timeout}: {Log}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        // The asynchronous readers may still hold the last lines; this waits for them.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
