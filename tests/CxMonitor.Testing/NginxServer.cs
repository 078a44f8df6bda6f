using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace CxMonitor.Testing;

/// <summary>A throwaway Debian <c>nginx</c> in front of app nodes: its own config, pid, logs and
/// temp folders in a temporary folder, a free port, stopped by its own PID. The config is the
/// one the README shows: WebSockets passed through, a node that refuses connections is
/// skipped (passive health checks) and retried on the next for requests not yet sent.</summary>
public sealed class NginxServer : IAsyncDisposable
{
    private readonly string _directory;
    private Process? _process;

    private NginxServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public string ErrorLog => File.Exists(Path.Combine(_directory, "error.log")) ? File.ReadAllText(Path.Combine(_directory, "error.log")) : "";

    public static async Task<NginxServer> StartAsync(IEnumerable<Uri> nodes, CancellationToken ct = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cxmonitor-nginx-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        // The workers run as an unprivileged user when the master is root: they write temp files here.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(directory, (UnixFileMode)0x1FF);
        var server = new NginxServer(directory, FreePort.Next());
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), server.Config(nodes), ct);
        var psi = new ProcessStartInfo("/usr/sbin/nginx", ["-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-e", Path.Combine(directory, "error.log")])
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        server._process = Process.Start(psi) ?? throw new InvalidOperationException("nginx did not start.");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (server._process.HasExited)
                throw new InvalidOperationException($"nginx exited with code {server._process.ExitCode}: {await server._process.StandardError.ReadToEndAsync(ct)} {server.ErrorLog}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", server.Port, ct);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50, ct);
            }
        }
        throw new TimeoutException($"nginx did not listen on port {server.Port} within 20 s: {server.ErrorLog}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // QUIT: graceful; the master takes its workers with it.
            Process.Start("kill", ["-QUIT", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                await ProcessTree.KillAsync(_process.Id, TimeSpan.FromSeconds(10));
            }
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Config(IEnumerable<Uri> nodes) => $$"""
        daemon off;
        worker_processes 1;
        pid {{_directory}}/nginx.pid;
        error_log {{_directory}}/error.log warn;
        events { worker_connections 2048; }
        http {
          access_log off;
          client_body_temp_path {{_directory}}/body;
          proxy_temp_path {{_directory}}/proxy;
          fastcgi_temp_path {{_directory}}/fastcgi;
          uwsgi_temp_path {{_directory}}/uwsgi;
          scgi_temp_path {{_directory}}/scgi;
          map $http_upgrade $connection_upgrade { default upgrade; '' close; }
          upstream cxmonitor {
        {{string.Join("\n", nodes.Select(n => $"    server {n.Host}:{n.Port} max_fails=1 fail_timeout=3s;"))}}
            keepalive 32;
          }
          server {
            listen 127.0.0.1:{{Port}};
            location / {
              proxy_pass http://cxmonitor;
              proxy_http_version 1.1;
              proxy_set_header Upgrade $http_upgrade;
              proxy_set_header Connection $connection_upgrade;
              proxy_set_header Host $http_host;
              proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
              proxy_set_header X-Forwarded-Proto $scheme;
              proxy_connect_timeout 1s;
              proxy_next_upstream error timeout http_502 http_503;
              proxy_read_timeout 100s;
              # Which node answered (tests find the node a wall's WebSocket is on); not in the README's config.
              add_header X-Upstream $upstream_addr always;
            }
          }
        }
        """;
}
