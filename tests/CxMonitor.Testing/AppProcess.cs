using System.Net.Http.Json;
using System.Diagnostics;
using System.Globalization;
using CxMonitor.Testing;

namespace CxMonitor.Testing;

/// <summary>The built web host (Release) as its own process on a real port, so its CPU and
/// memory are its own, and so it can be killed with SIGKILL as a crash would. Build first:
/// dotnet build -c Release.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private bool _disposed;
    private readonly System.Text.StringBuilder _log;
    private readonly bool _ownsState;
    private readonly IDictionary<string, string>? _settings;

    private AppProcess(Process process, Uri url, string state, System.Text.StringBuilder log, bool ownsState, IDictionary<string, string>? settings = null)
    {
        _settings = settings;
        _process = process;
        Url = url;
        StateDirectory = state;
        _log = log;
        _ownsState = ownsState;
    }

    /// <summary>What the process printed so far.</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    public Uri Url { get; }

    public string StateDirectory { get; }

    public int Pid => _process.Id;

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CxMonitor.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }

    /// <summary>The app's build; <c>CXMONITOR_APP_DLL</c> points elsewhere so that a benchmark can run
    /// an older build copied aside against the same harness (before/after, alternating).</summary>
    public static string AppDll() =>
        Environment.GetEnvironmentVariable("CXMONITOR_APP_DLL") is { Length: > 0 } dll
            ? dll
            : Path.Combine(RepositoryRoot(), "src/CxMonitor.Web/bin/Release/net10.0/cxmonitor.dll");

    /// <param name="stateDirectory">An existing state folder (a restart after a crash); by
    /// default a new one that is deleted with the process.</param>
    /// <param name="port">A port of its own (a node restarted behind a load balancer keeps its port); by default a free one.</param>
    public static async Task<AppProcess> StartAsync(Uri influx, string database, IDictionary<string, string>? settings = null, int startSeconds = 30, string? stateDirectory = null, int? port = null)
    {
        var app = Launch(Command(stateDirectory ?? Path.Combine(Path.GetTempPath(), "cxbench-" + Guid.NewGuid().ToString("N")[..8]), influx, database, settings), stateDirectory is null, settings, port);
        try
        {
            await app.WaitUntilLiveAsync(TimeSpan.FromSeconds(startSeconds));
            return app;
        }
        catch
        {
            // Never leave a half-started app behind: it would skew the next measurement.
            await app.KillAsync();
            throw;
        }
    }

    /// <summary>Starts the app with settings given as <c>--Key=value</c> arguments (the state
    /// folder among them) and does not wait: for starts that are meant to fail.</summary>
    public static AppProcess Launch(IDictionary<string, string> arguments)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(AppDll());
        foreach (var (key, value) in arguments)
            psi.ArgumentList.Add($"--{key}={value}");
        return Launch(psi, ownsState: false);
    }

    private static AppProcess Launch(ProcessStartInfo psi, bool ownsState, IDictionary<string, string>? settings = null, int? fixedPort = null)
    {
        var port = fixedPort ?? FreePort.Next();
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        var process = Process.Start(psi)!;
        ProcessTree.KillWhenTestHostExits(process.Id);
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var state = psi.Environment.TryGetValue("State__Directory", out var s) && s is not null ? s : "";
        return new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"), state, log, ownsState, settings);
    }

    /// <summary>Waits until <c>/health/live</c> answers 200; throws with the app's log if it exits first.</summary>
    public Task WaitUntilLiveAsync(TimeSpan timeout) =>
        HttpReadiness.WaitAsync(new Uri(Url, "health/live"), _process, "the app", timeout, Tail);

    public int ExitCode => _process.ExitCode;

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        // The asynchronous readers may still hold the last lines; this waits for them.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    private string Tail()
    {
        var log = Log;
        return log.Length > 4000 ? log[^4000..] : log;
    }

    /// <summary>Runs the CLI (same binary, same state) and returns its first output line.</summary>
    public async Task<string> CliAsync(params string[] args) => (await CliOutputAsync(args)).Split('\n')[0].Trim();

    /// <summary>All the CLI printed on stdout, run with the app's settings.</summary>
    public async Task<string> CliOutputAsync(params string[] args)
    {
        var psi = Command(StateDirectory, new Uri("http://127.0.0.1:1/"), "unused", _settings); // same app state (e.g. PostgreSQL) as the app
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = true;
        using var cli = Process.Start(psi)!;
        var output = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return output;
    }

    /// <summary>A client signed in as a new admin (running jobs out of turn is for admins), with
    /// the session cookie and the anti-forgery header of a browser.</summary>
    public async Task<HttpClient> AdminClientAsync() => (await PersonClientAsync("Admin")).Client;

    /// <summary>A client signed in as a new person of <paramref name="role"/>, and its cookies
    /// (to open a live connection with the same session).</summary>
    public async Task<(HttpClient Client, System.Net.CookieContainer Cookies)> PersonClientAsync(string role)
    {
        var name = "bench-" + Guid.NewGuid().ToString("N")[..6];
        var password = await CliAsync("users", "create", "--name", name, "--role", role);
        var cookies = new System.Net.CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies })
        {
            BaseAddress = Url,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var response = await http.PostAsJsonAsync("api/v1/session", new { userName = name, password });
        response.EnsureSuccessStatusCode();
        var session = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        // A one-time password opens nothing but the password change: choose one, sign in with it.
        var chosen = "quiet-harbour-" + Guid.NewGuid().ToString("N");
        using (var change = new HttpRequestMessage(HttpMethod.Post, "api/v1/session/password") { Content = JsonContent.Create(new { currentPassword = password, newPassword = chosen }) })
        {
            change.Headers.Add("X-CSRF-Token", session.GetProperty("csrfToken").GetString());
            (await http.SendAsync(change)).EnsureSuccessStatusCode();
        }
        using (var signIn = new HttpRequestMessage(HttpMethod.Post, "api/v1/session") { Content = JsonContent.Create(new { userName = name, password = chosen }) })
        {
            signIn.Headers.Add("X-CSRF-Token", session.GetProperty("csrfToken").GetString());
            response = await http.SendAsync(signIn);
        }
        response.EnsureSuccessStatusCode();
        session = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        http.DefaultRequestHeaders.Add("X-CSRF-Token", session.GetProperty("csrfToken").GetString());
        return (http, cookies);
    }

    /// <summary>Peak resident set size (VmHWM) in MB.</summary>
    public double PeakRssMb() => ReadStatusKb("VmHWM") / 1024.0;

    public double RssMb() => ReadStatusKb("VmRSS") / 1024.0;

    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>SIGKILL: no shutdown hook runs, nothing is flushed, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
            return;
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        // Twice is allowed: a test disposes a node it is done with, and `await using` again.
        if (_disposed)
            return;
        _disposed = true;
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        _process.Dispose();
        if (!_ownsState)
            return;
        try
        {
            Directory.Delete(StateDirectory, true);
        }
        catch (IOException)
        {
        }
    }

    private double ReadStatusKb(string key)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        return double.NaN;
    }

    private static ProcessStartInfo Command(string state, Uri influx, string database, IDictionary<string, string>? settings)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(AppDll());
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Demo";
        psi.Environment["State__Directory"] = state;
        psi.Environment["Influx__Url"] = influx.ToString();
        psi.Environment["Influx__Database"] = database;
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
            psi.Environment[k] = v;
        return psi;
    }
}
