using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using CxMonitor.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CxMonitor.Benchmarks;

/// <summary>The platform's floor under a durable single rating, measured beside the app
/// (<c>ingest-single --floor</c>): Kestrel on the same runtime settings as the app, a POST whose
/// body is read and appended to a file that one thread of its own group-commits with fsync, then
/// 202. It is the app's request without the app: no key, no parsing, no ids, no InfluxDB. Its CPU
/// per request says how much of the app's figure any ASP.NET Core server with the spool's promise
/// (fsynced before 202) pays on this machine, and so what a target for the app can mean here.</summary>
internal static class FloorServer
{
    /// <summary>The hidden scenario <c>floor-server --port N --dir D</c>: this process is the
    /// floor; <see cref="FloorProcess"/> starts it and stops it by its PID.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var port = Figures.IntOption(args, "--port", 0);
        var directory = Figures.StringOption(args, "--dir") ?? throw new ArgumentException("--dir is required");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        await using var log = new GroupCommitLog(Path.Combine(directory, "floor.log"));
        var app = builder.Build();
        app.MapGet("/ready", () => Results.Ok());
        app.MapPost("/api/v1/ratings", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            await log.AppendAsync(body.ToArray());
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        await app.RunAsync();
        return 0;
    }

    /// <summary>The spool's shape in a few lines (WriteAheadSpool): appends queue on a channel whose
    /// one reader is a thread of its own; it writes all that wait and fsyncs once for them.</summary>
    private sealed class GroupCommitLog : IAsyncDisposable
    {
        private readonly Channel<(byte[] Data, TaskCompletionSource Done)> _appends =
            Channel.CreateUnbounded<(byte[], TaskCompletionSource)>(new() { SingleReader = true, AllowSynchronousContinuations = true });
        private readonly FileStream _file;
        private readonly Thread _writer;

        public GroupCommitLog(string path)
        {
            _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
            _writer = new Thread(Write) { IsBackground = true, Name = "floor log" };
            _writer.Start();
        }

        public Task AppendAsync(byte[] data)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _appends.Writer.TryWrite((data, done));
            return done.Task;
        }

        private void Write()
        {
            var batch = new List<(byte[] Data, TaskCompletionSource Done)>();
            while (_appends.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                batch.Clear();
                while (batch.Count < 4096 && _appends.Reader.TryRead(out var append))
                    batch.Add(append);
                foreach (var (data, _) in batch)
                    _file.Write(data);
                _file.Flush(flushToDisk: true);
                foreach (var (_, done) in batch)
                    done.TrySetResult();
            }
        }

        public async ValueTask DisposeAsync()
        {
            _appends.Writer.TryComplete();
            _writer.Join();
            await _file.DisposeAsync();
        }
    }
}

/// <summary>A <see cref="FloorServer"/> in a process of its own, so that its CPU is read from /proc
/// as the app's is, with the app's runtime settings (server GC, no dynamic PGO, no pool spinning:
/// CxMonitor.Web.csproj) given through the environment.</summary>
internal sealed class FloorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private FloorProcess(Process process, string directory, Uri url) => (_process, _directory, Url) = (process, directory, url);

    public Uri Url { get; }

    public int Pid => _process.Id;

    public static async Task<FloorProcess> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("cx-floor-").FullName;
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { typeof(FloorServer).Assembly.Location, "floor-server", "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", directory })
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_gcServer"] = "1";
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        var floor = new FloorProcess(process, directory, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        try
        {
            await HttpReadiness.WaitAsync(new Uri(floor.Url, "ready"), process, "the floor server", TimeSpan.FromSeconds(30), () => { lock (errors) return errors.ToString(); });
            return floor;
        }
        catch
        {
            await floor.DisposeAsync();
            throw;
        }
    }

    public TimeSpan CpuTime() => Figures.CpuTime(Pid);

    public async ValueTask DisposeAsync()
    {
        await ProcessTree.KillAsync(_process.Id, TimeSpan.FromSeconds(10));
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
