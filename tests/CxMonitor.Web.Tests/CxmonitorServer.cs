using System.Diagnostics;
using System.Text;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests;

/// <summary>The built <c>cxmonitor.dll</c> as a web server in its own process, so a test can
/// kill it with SIGKILL (kill -9) as a crash or the OOM killer would: no shutdown code runs.
/// Settings go in as environment variables (<c>Section__Key</c>), as in a deployment.</summary>
public sealed class CxmonitorServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CxmonitorServer(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    /// <summary>What the process wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static async Task<CxmonitorServer> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan? timeout = null)
    {
        var port = FreePort.Next();
        var psi = new ProcessStartInfo("dotnet", ["cxmonitor.dll", $"--urls=http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var server = new CxmonitorServer(Process.Start(psi)!, new Uri($"http://127.0.0.1:{port}/"));
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilLiveAsync(timeout ?? TimeSpan.FromSeconds(90));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>SIGKILL, then waits until the process is gone (Process.Kill sends SIGKILL on Unix).</summary>
    public async Task KillHardAsync()
    {
        if (!_process.HasExited)
            _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillHardAsync();
        _process.Dispose();
    }

    private Task WaitUntilLiveAsync(TimeSpan timeout) =>
        HttpReadiness.WaitAsync(new Uri(BaseAddress, "/health/live"), _process, "cxmonitor", timeout, () => Output);

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
