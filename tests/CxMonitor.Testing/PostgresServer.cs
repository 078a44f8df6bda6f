using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CxMonitor.Testing;

/// <summary>A throwaway PostgreSQL server (Debian package <c>postgresql</c>): initdb into its own
/// temporary folder, started on a free loopback port with trust authentication, stopped by its
/// own PID. PostgreSQL refuses to run as root, so under root the folder is given to the
/// <c>postgres</c> user and the server runs as that user (setpriv execs in place: the PID is the
/// server's own). Self-contained: the command-line tools only, no client library.</summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _bin;
    private Process? _process;
    private readonly StringBuilder _log = new();

    private PostgresServer(string directory, string bin, int port)
    {
        _directory = directory;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>An Npgsql connection string for <paramref name="database"/> (user postgres, no password).</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=5";

    public static async Task<PostgresServer> StartAsync(CancellationToken ct = default)
    {
        var bin = FindBin();
        var directory = Path.Combine(Path.GetTempPath(), "cxmonitor-postgres-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var server = new PostgresServer(directory, bin, FreePort.Next());
        try
        {
            if (IsRoot)
                await RunAsync("chown", ["postgres:postgres", directory], asPostgres: false, ct);
            await RunAsync(Path.Combine(bin, "initdb"),
                ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], asPostgres: true, ct);
            await server.StartProcessAsync(ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        var database = name.ToLowerInvariant() + "_" + Guid.NewGuid().ToString("N")[..8];
        await RunAsync(Path.Combine(_bin, "psql"),
            ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1",
             "-c", $"CREATE DATABASE \"{database}\""], asPostgres: false, ct);
        return ConnectionString(database);
    }

    /// <summary>Runs one SQL statement with psql and returns what it printed (unaligned, tuples only).</summary>
    public Task<string> QueryAsync(string database, string sql, CancellationToken ct = default) =>
        RunAsync(Path.Combine(_bin, "psql"),
            ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1",
             "-At", "-c", sql], asPostgres: false, ct);

    public static string FindBin()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("POSTGRES_BIN");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(Path.Combine(fromEnvironment, "postgres")))
            return fromEnvironment;
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "postgres")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            "PostgreSQL was not found: install the Debian package 'postgresql' (apt-get install -y postgresql), or set POSTGRES_BIN to its bin folder.");
    }

    /// <summary>Fast shutdown (SIGINT), or SIGKILL when <paramref name="kill"/> (a crash).</summary>
    public async Task StopAsync(bool kill = false)
    {
        if (_process is null)
            return;
        if (!_process.HasExited)
        {
            if (kill)
                _process.Kill();
            else
                Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        _process = null;
    }

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

    private string DataDirectory => Path.Combine(_directory, "data");

    private static bool IsRoot => Environment.UserName == "root";

    private async Task StartProcessAsync(CancellationToken ct)
    {
        string[] args =
        [
            "-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _directory,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=200", "-c", "shared_buffers=32MB", "-c", "logging_collector=off",
        ];
        _process = Process.Start(StartInfo(Path.Combine(_bin, "postgres"), args, asPostgres: true))
            ?? throw new InvalidOperationException("postgres did not start.");
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"postgres exited with code {_process.ExitCode}: {Log}");
            using var ready = Process.Start(StartInfo(Path.Combine(_bin, "pg_isready"),
                ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-q"], asPostgres: false))!;
            await ready.WaitForExitAsync(ct);
            if (ready.ExitCode == 0)
                return;
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"postgres did not accept connections on port {Port} within 30 s: {Log}");
    }

    private string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    private static ProcessStartInfo StartInfo(string program, IEnumerable<string> args, bool asPostgres)
    {
        var psi = asPostgres && IsRoot
            ? new ProcessStartInfo("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", program, .. args])
            : new ProcessStartInfo(program, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        return psi;
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> args, bool asPostgres, CancellationToken ct)
    {
        using var process = Process.Start(StartInfo(program, args, asPostgres)) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with code {process.ExitCode}: {await error}{await output}");
        return (await output).Trim();
    }
}
