using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace CxMonitor.Testing;

/// <summary>A throwaway PostgreSQL cluster (Debian package <c>postgresql</c> 15): initdb into a
/// temporary folder, <c>postgres</c> on a free port of 127.0.0.1 with its socket in that folder,
/// trust authentication, stopped by its own PID. Each test class takes its own database. As
/// root (CI), the server runs as the <c>postgres</c> user, since PostgreSQL refuses root.</summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string User = "cxmonitor";
    private readonly string _directory;
    private Process? _process;
    private int _databases;

    private PostgresCluster(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The temporary folder that holds the data and the socket; gone after dispose.</summary>
    public string Folder => _directory;

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    private string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<PostgresCluster> StartAsync(CancellationToken ct = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cxmonitor-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var cluster = new PostgresCluster(directory, FreePort.Next());
        if (Environment.UserName == "root")
            await RunAsync("chown", ["postgres:postgres", directory], ct);
        await RunAsync(Bin("initdb"), ["-D", cluster.DataDirectory, "-U", User, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], ct, asServer: true);
        await cluster.StartProcessAsync(ct);
        return cluster;
    }

    /// <summary>A program of the server: from <c>PG_BIN</c> or <c>POSTGRES_BIN</c> if set, else the
    /// newest Debian <c>/usr/lib/postgresql/N/bin</c>.</summary>
    public static string Bin(string name)
    {
        var folder = new[] { Environment.GetEnvironmentVariable("PG_BIN"), Environment.GetEnvironmentVariable("POSTGRES_BIN") }.FirstOrDefault(f => !string.IsNullOrEmpty(f))
            ?? (Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "postgres")))
                    .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
                : null)
            ?? "/usr/lib/postgresql/15/bin";
        var path = Path.Combine(folder, name);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} was not found: install the Debian package 'postgresql' (apt-get install -y postgresql), or set PG_BIN to its bin folder.");
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = User, Database = database, Pooling = true, Timeout = 5,
    }.ToString();

    /// <summary>A new, empty database owned by the test user; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "cx", CancellationToken ct = default)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..6]}");
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        // From template0, which nobody may connect to: copying template1 fails ("being accessed by
        // other users") while another test's CREATE DATABASE holds a connection to it.
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0", connection);
        await command.ExecuteNonQueryAsync(ct);
        return ConnectionString(name);
    }

    /// <summary>Runs one SQL statement and returns the first column of its first row as text ("" when none).</summary>
    public async Task<string> QueryAsync(string database, string sql, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>Stops the server (as a crash would, when <paramref name="kill"/>), keeping the data.</summary>
    public async Task StopAsync(bool kill = true)
    {
        if (_process is null)
            return;
        if (!_process.HasExited)
        {
            if (kill)
                await ProcessTree.KillAsync(_process.Id, TimeSpan.FromSeconds(30));
            else
                Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit(); // fast shutdown
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        _process.Dispose();
        _process = null;
        NpgsqlConnection.ClearAllPools();
    }

    public Task RestartAsync(CancellationToken ct = default) => StartProcessAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        // The server's children may still be removing their files for a moment after it exits.
        for (var attempt = 0; attempt < 20 && Directory.Exists(_directory); attempt++)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                await Task.Delay(100);
            }
        }
    }

    private async Task StartProcessAsync(CancellationToken ct)
    {
        // fsync=off is safe for a throwaway cluster: a killed server's writes are still in the OS's
        // cache. synchronous_commit stays on: with it off, a commit answered just before kill -9
        // is still in the server's own WAL buffers and is lost, which tests that kill PostgreSQL
        // would then blame on the app (a key created a moment before the kill vanished).
        string[] args =
        [
            "-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _directory,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off",
            "-c", "max_connections=200", "-c", "shared_buffers=32MB", "-c", "logging_collector=off",
        ];
        var psi = AsServer(Bin("postgres"), args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        var log = new System.Text.StringBuilder();
        _process = Process.Start(psi) ?? throw new InvalidOperationException("postgres did not start.");
        _process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        ProcessTree.KillWhenTestHostExits(_process.Id, _directory);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"postgres exited with code {_process.ExitCode}: {log}");
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
                await connection.OpenAsync(ct);
                return;
            }
            catch (NpgsqlException)
            {
                await Task.Delay(50, ct);
            }
        }
        throw new TimeoutException($"postgres did not accept connections on port {Port} within 30 s: {log}");
    }

    /// <summary>setpriv replaces itself with the server (no fork), so the PID we hold is the server's.</summary>
    private static ProcessStartInfo AsServer(string program, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo { UseShellExecute = false };
        if (Environment.UserName == "root")
        {
            psi.FileName = "/usr/bin/setpriv";
            foreach (var a in new[] { "--reuid=postgres", "--regid=postgres", "--init-groups", program })
                psi.ArgumentList.Add(a);
        }
        else
        {
            psi.FileName = program;
        }
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        return psi;
    }

    private static async Task RunAsync(string program, IEnumerable<string> args, CancellationToken ct, bool asServer = false)
    {
        var psi = asServer ? AsServer(program, args) : new ProcessStartInfo(program, args) { UseShellExecute = false };
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await output}{await error}");
    }
}
