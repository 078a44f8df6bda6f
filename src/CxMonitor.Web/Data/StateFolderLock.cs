using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace CxMonitor.Web.Data;

public static class StateFolderLocking
{
    /// <summary>Only the web host holds the state folder; the CLI, which reads and writes app state
    /// beside a running app, never registers this. Call it before anything that touches the folder:
    /// the host resolves hosted services in registration order, and the spool opens its segments
    /// while being resolved.</summary>
    public static IHostApplicationBuilder HoldStateFolder(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<StateFolderLock>();
        return builder;
    }
}

/// <summary>Holds <c>{State:Directory}/cxmonitor.lock</c> open with an exclusive OS lock (flock on
/// Linux) for the life of the process: two apps on one folder would share the spool and move each
/// other's checkpoint past undelivered segments. The OS drops the lock when the process ends, also
/// on kill -9, so a stale file never blocks a start.</summary>
public sealed class StateFolderLock : IHostedService, IDisposable
{
    public const string FileName = "cxmonitor.lock";
    private readonly FileStream _file;

    public StateFolderLock(IOptions<AppStateOptions> options)
    {
        var directory = options.Value.Directory;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        try
        {
            _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new StateFolderHeldException(directory, ReadHolder(path));
        }
        var started = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var holder = string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on host {Environment.MachineName}, started {started:yyyy-MM-ddTHH:mm:ssZ}\n");
        _file.SetLength(0);
        _file.Write(Encoding.UTF8.GetBytes(holder));
        _file.Flush(flushToDisk: true);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _file.Dispose();

    /// <summary>.NET takes a shared flock on every file it opens, which the holder's exclusive
    /// lock refuses, so the holder's line is read through a plain open(2).</summary>
    private static string ReadHolder(string path)
    {
        try
        {
            var fd = Open(Encoding.UTF8.GetBytes(path + "\0"), 0);
            if (fd < 0)
                return "another process";
            using var handle = new SafeFileHandle((nint)fd, ownsHandle: true);
            using var stream = new FileStream(handle, FileAccess.Read);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var line = reader.ReadLine();
            return string.IsNullOrWhiteSpace(line) ? "another process" : line.Trim();
        }
        catch (Exception ex) when (ex is IOException or DllNotFoundException or EntryPointNotFoundException)
        {
            return "another process";
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);
}

/// <summary>Another process holds the state folder; this one must not start.</summary>
public sealed class StateFolderHeldException(string directory, string holder)
    : Exception($"The state folder {directory} is held by {holder}. Only one CxMonitor process may use a state folder: stop that one first, or give this one its own State:Directory.")
{
    public string Directory { get; } = directory;
}
