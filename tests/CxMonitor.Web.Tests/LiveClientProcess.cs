using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace CxMonitor.Web.Tests;

/// <summary>A real SignalR client: Node with @microsoft/signalr (tests/live-client), the library the
/// browser pages use, so it tests what a browser does. (The .NET client,
/// Microsoft.AspNetCore.SignalR.Client 10.0.11, restores too, where it makes a test simpler.)
/// Every message it receives arrives as a JSON line.</summary>
public sealed class LiveClientProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<JsonElement> _messages = new();

    private LiveClientProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (string.IsNullOrWhiteSpace(e.Data))
                return;
            var message = JsonDocument.Parse(e.Data).RootElement.Clone();
            Received.Enqueue(message);
            _messages.Add(message);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Every message so far, also those taken by <see cref="Next"/>: for timelines.</summary>
    public ConcurrentQueue<JsonElement> Received { get; } = new();

    public static string ClientFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "tests", "live-client")))
            dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("tests/live-client not found"), "tests", "live-client");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@microsoft", "signalr")))
            throw new InvalidOperationException($"@microsoft/signalr is not installed: run 'npm ci' in {folder} (test.sh does).");
        return folder;
    }

    public static LiveClientProcess Start(Uri app, string apiKey, params string[] scopes) => Start(app, apiKey, alerts: false, scopes);

    /// <summary>Connects with cookies (a person's session, a screen's display token) instead of a key.</summary>
    public static LiveClientProcess StartWithCookie(Uri app, string cookie, params string[] scopes) =>
        Start(["live-client.mjs", "--url", app.ToString(), "--cookie", cookie, "--scopes", string.Join(',', scopes)]);

    /// <summary>With <paramref name="alerts"/>, the client also subscribes to alert updates.</summary>
    public static LiveClientProcess Start(Uri app, string apiKey, bool alerts, params string[] scopes)
    {
        string[] args = ["live-client.mjs", "--url", app.ToString(), "--key", apiKey, "--scopes", string.Join(',', scopes)];
        return Start(alerts ? [.. args, "--alerts", "yes"] : args);
    }

    private static LiveClientProcess Start(string[] args)
    {
        var folder = ClientFolder();
        var psi = new ProcessStartInfo("node", args)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        return new LiveClientProcess(Process.Start(psi)!);
    }

    /// <summary>The next message (of any type), or a failure after the timeout.</summary>
    public JsonElement Next(TimeSpan timeout)
    {
        if (!_messages.TryTake(out var message, timeout))
            throw new TimeoutException($"no message from the live client within {timeout.TotalSeconds:0.#} s");
        return message;
    }

    /// <summary>Skips connection notices and returns the next message of one of the types.</summary>
    public JsonElement NextOf(TimeSpan timeout, params string[] types)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var m = Next(deadline - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero);
            if (types.Contains(m.GetProperty("type").GetString()))
                return m;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
