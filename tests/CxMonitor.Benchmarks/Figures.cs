namespace CxMonitor.Benchmarks;

internal static class Figures
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double Percentile(IReadOnlyList<double> sortedValues, double p)
    {
        if (sortedValues.Count == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sortedValues.Count) - 1;
        return sortedValues[Math.Clamp(rank, 0, sortedValues.Count - 1)];
    }

    public static string? StringOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }

    /// <summary>The CPU a process uses over a window, to the nanosecond (each thread's
    /// <c>schedstat</c>): at rest an app uses a few milliseconds a second, below the 10 ms ticks of
    /// <see cref="CpuTime"/>. A thread that ends within the window takes its time with it.</summary>
    public static async Task<TimeSpan> CpuAtRestAsync(int pid, TimeSpan window)
    {
        var before = ThreadRunNs(pid);
        await Task.Delay(window);
        var after = ThreadRunNs(pid);
        var ns = after.Sum(t => t.Value - before.GetValueOrDefault(t.Key));
        return TimeSpan.FromTicks(ns / 100);
    }

    private static Dictionary<int, long> ThreadRunNs(int pid, string? namePrefix = null)
    {
        var run = new Dictionary<int, long>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                if (namePrefix is not null && !File.ReadAllText(Path.Combine(task, "comm")).StartsWith(namePrefix, StringComparison.Ordinal))
                    continue;
                var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                run[int.Parse(Path.GetFileName(task), System.Globalization.CultureInfo.InvariantCulture)] = long.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended while the list was read.
            }
        }
        return run;
    }

    /// <summary>The CPU of the runtime's background tiered compiler in a .NET process: the one
    /// thread that compiles a method again, optimised, once it has been called 30 times (first
    /// compiles and on-stack replacement run on the calling threads and are not in it). The thread
    /// ends after 4 s without work and a new one starts with the next promotion, so it is read
    /// every 250 ms and summed per thread: read only at the ends of a round, a thread that lived
    /// within the round was never seen. A thread that ends between two readings takes at most
    /// 250 ms of its work with it.</summary>
    public sealed class TieredCompiler : IDisposable
    {
        private const string ThreadName = ".NET Tiered Com"; // the kernel keeps 15 characters of ".NET Tiered Compilation Worker"
        private readonly int _pid;
        private readonly Lock _gate = new();
        private readonly Timer _timer;
        private Dictionary<int, long> _last;
        private long _ns;

        public TieredCompiler(int pid)
        {
            _pid = pid;
            _last = ThreadRunNs(pid, ThreadName);
            _timer = new Timer(_ => Sample(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
        }

        /// <summary>The compiler's CPU since the last call (or since this meter was made).</summary>
        public TimeSpan Used()
        {
            lock (_gate)
            {
                SampleHeld();
                var ns = _ns;
                _ns = 0;
                return TimeSpan.FromTicks(ns / 100);
            }
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            lock (_gate)
                SampleHeld();
        }

        private void SampleHeld()
        {
            try
            {
                var now = ThreadRunNs(_pid, ThreadName);
                // A new thread that took an ended one's id starts below it: count it from zero.
                _ns += now.Sum(t => t.Value >= _last.GetValueOrDefault(t.Key) ? t.Value - _last.GetValueOrDefault(t.Key) : t.Value);
                _last = now;
            }
            catch (IOException)
            {
                // The process has ended.
            }
        }
    }

    /// <summary>CPU time (user + system) a process has used, from /proc: a figure that other
    /// load on the machine disturbs far less than a rate does.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
