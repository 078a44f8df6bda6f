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
    private readonly System.Text.StringBuilder _log;
    private readonly bool _ownsState;

    private AppProcess(Process process, Uri url, string state, System.Text.StringBuilder log, bool ownsState)
    {
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

    public static string AppDll() => Path.Combine(RepositoryRoot(), "src/CxMonitor.Web/bin/Release/net10.0/cxmonitor.dll");

    /// <param name="stateDirectory">An existing state folder (a restart after a crash); by
    /// default a new one that is deleted with the process.</param>
    public static async Task<AppProcess> StartAsync(Uri influx, string database, IDictionary<string, string>? settings = null, int startSeconds = 30, string? stateDirectory = null)
    {
        var port = FreePort.Next();
        var state = stateDirectory ?? Path.Combine(Path.GetTempPath(), "cxbench-" + Guid.NewGuid().ToString("N")[..8]);
        var psi = Command(state, influx, database, settings);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        var process = Process.Start(psi)!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"), state, log, stateDirectory is null);
        using var http = new HttpClient();
        for (var i = 0; i < startSeconds * 10; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri(app.Url, "health/live"))).IsSuccessStatusCode)
                    return app;
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited)
                break;
            await Task.Delay(100);
        }
        // Never leave a half-started app behind: it would skew the next measurement.
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        lock (log)
            throw new TimeoutException("the app did not start: " + (log.Length > 2000 ? log.ToString()[..2000] : log.ToString()));
    }

    /// <summary>Runs the CLI (same binary, same state) and returns its first output line.</summary>
    public async Task<string> CliAsync(params string[] args)
    {
        var psi = Command(StateDirectory, new Uri("http://127.0.0.1:1/"), "unused", null);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = true;
        using var cli = Process.Start(psi)!;
        var output = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return output.Split('\n')[0].Trim();
    }

    /// <summary>A client signed in as a new admin (running jobs out of turn is for admins), with
    /// the session cookie and the anti-forgery header of a browser.</summary>
    public async Task<HttpClient> AdminClientAsync()
    {
        var name = "bench-" + Guid.NewGuid().ToString("N")[..6];
        var password = await CliAsync("users", "create", "--name", name, "--role", "Admin");
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = Url,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var response = await http.PostAsJsonAsync("api/v1/session", new { userName = name, password });
        response.EnsureSuccessStatusCode();
        var session = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        http.DefaultRequestHeaders.Add("X-CSRF-Token", session.GetProperty("csrfToken").GetString());
        return http;
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
