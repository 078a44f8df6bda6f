using System.Globalization;
using System.Runtime.InteropServices;

namespace CxMonitor.Testing;

/// <summary>Kills a server and every process it started (kill -9 of the tree, as a crash would),
/// by PID, and waits until all of them are gone. For PostgreSQL and nginx, whose master forks
/// workers: <c>Process.Kill(entireProcessTree: true)</c> left one PostgreSQL worker stopped
/// (state T, never killed) after nearly every test run, holding its temporary folder. Here a
/// process is stopped only while its children are listed and killed, and is killed right after,
/// with nothing in between that can throw.</summary>
public static class ProcessTree
{
    private const int SigKill = 9;
    private const int SigStop = 19;

    /// <summary>Kills <paramref name="pid"/> and its descendants; returns once none is running
    /// (a zombie waiting for its parent counts as gone), or after <paramref name="timeout"/>.</summary>
    public static async Task KillAsync(int pid, TimeSpan timeout)
    {
        var killed = new List<int>();
        KillTree(pid, killed);
        var deadline = DateTime.UtcNow + timeout;
        while (killed.Any(Running) && DateTime.UtcNow < deadline)
            await Task.Delay(20);
    }

    private static void KillTree(int pid, List<int> killed)
    {
        // Stopped, it forks nothing between the listing of its children and its own kill.
        kill(pid, SigStop);
        foreach (var child in ChildrenOf(pid))
            KillTree(child, killed);
        kill(pid, SigKill);
        killed.Add(pid);
    }

    /// <summary>A test host that is killed (a timeout, a cancelled run) or that never disposed a
    /// server (a test that failed before its dispose) leaves it running with no parent; this
    /// watcher kills <paramref name="pid"/> by its PID once the test host is gone, and removes
    /// <paramref name="folder"/> if given. It leaves quietly when the server stops first.
    /// <paramref name="host"/> stands for the test host in the watcher's own test.</summary>
    public static void KillWhenTestHostExits(int pid, string? folder = null, int? host = null)
    {
        host ??= Environment.ProcessId;
        // Without a folder nothing follows the kill: an empty command between two ';' is a syntax
        // error to sh, and the watcher of every app process started by the tests never ran.
        var remove = folder is null ? "" : $"; sleep 1; rm -rf '{folder}'";
        var script = string.Create(CultureInfo.InvariantCulture,
            $"while kill -0 {host} 2>/dev/null && kill -0 {pid} 2>/dev/null; do sleep 2; done; if ! kill -0 {host} 2>/dev/null; then kill -KILL {pid} 2>/dev/null{remove}; fi");
        using var watcher = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", script]) { UseShellExecute = false });
    }

    /// <summary>Processes whose parent is <paramref name="pid"/>, from /proc (empty where there is no /proc).</summary>
    public static List<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        if (!Directory.Exists("/proc"))
            return children;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate))
                continue;
            if (Stat(candidate) is { } stat && stat.Parent == pid)
                children.Add(candidate);
        }
        return children;
    }

    /// <summary>The process exists and is not a zombie (a stopped one counts as running).</summary>
    public static bool Running(int pid) => Stat(pid) is { } stat && stat.State != 'Z' && stat.State != 'X';

    /// <summary>State and parent from /proc/PID/stat: "pid (comm) S ppid ...", where comm may
    /// hold spaces and parentheses, so the fields are read after the last ')'.</summary>
    private static (char State, int Parent)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null; // gone meanwhile
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
