using System.Diagnostics;
using System.Globalization;
using CxMonitor.Influx;

namespace CxMonitor.Testing;

/// <summary>A throwaway <c>influxd</c> (Debian package <c>influxdb</c>): its own temporary
/// folder and free ports, reporting off, stopped by its own PID. It can be stopped and started
/// again on the same port and data to test outages.</summary>
public sealed class InfluxdServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _configPath;
    private Process? _process;

    private InfluxdServer(string directory, int httpPort)
    {
        _directory = directory;
        HttpPort = httpPort;
        _configPath = Path.Combine(directory, "influxdb.conf");
    }

    public int HttpPort { get; }

    public Uri Url => new($"http://127.0.0.1:{HttpPort}/");

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public static async Task<InfluxdServer> StartAsync(CancellationToken ct = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cxmonitor-influxd-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var server = new InfluxdServer(directory, FreePort.Next());
        await File.WriteAllTextAsync(server._configPath, server.Config(FreePort.Next()), ct);
        await server.StartProcessAsync(ct);
        return server;
    }

    public static string FindInfluxd()
    {
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("INFLUXD"), "/usr/bin/influxd", "/usr/local/bin/influxd" })
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException(
            "influxd was not found: install the Debian package 'influxdb' (apt-get install -y influxdb), or set INFLUXD to its path.");
    }

    public InfluxDBClient CreateClient() => new(new InfluxDBClientOptions { Url = Url });

    /// <summary>Stops the process (as a crash would, when <paramref name="kill"/>), keeping the data.</summary>
    public async Task StopAsync(bool kill = true)
    {
        if (_process is null)
            return;
        if (!_process.HasExited)
        {
            if (kill)
                _process.Kill(entireProcessTree: true);
            else
                Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts it again on the same port and data after <see cref="StopAsync"/>.</summary>
    public Task RestartAsync(CancellationToken ct = default) => StartProcessAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still being closed; the OS cleans the temp folder eventually.
        }
    }

    private async Task StartProcessAsync(CancellationToken ct)
    {
        var psi = new ProcessStartInfo(FindInfluxd(), ["-config", _configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var log = new System.Text.StringBuilder();
        _process = Process.Start(psi) ?? throw new InvalidOperationException("influxd did not start.");
        _process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var client = CreateClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"influxd exited with code {_process.ExitCode}: {log}");
            if ((await client.PingAsync(ct)).Ok)
                return;
            await Task.Delay(50, ct);
        }
        throw new TimeoutException($"influxd did not answer /ping on port {HttpPort} within 30 s: {log}");
    }

    private string Config(int rpcPort) => $"""
        reporting-disabled = true
        bind-address = "127.0.0.1:{rpcPort}"
        [meta]
          dir = "{_directory}/meta"
          logging-enabled = false
        [data]
          dir = "{_directory}/data"
          wal-dir = "{_directory}/wal"
          query-log-enabled = false
          wal-fsync-delay = "0s"
        [monitor]
          store-enabled = false
        [http]
          bind-address = "127.0.0.1:{HttpPort}"
          log-enabled = false
          suppress-write-log = true
        [continuous_queries]
          enabled = false
        [retention]
          enabled = false
        """;
}
