using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CxMonitor.Testing;

namespace CxMonitor.Benchmarks;

/// <summary>The single-rating closed loop driven by wrk (Debian's <c>wrk</c>, written in C) instead
/// of HttpClient. The load generator shares the machine's two cores with the app: HttpClient spends
/// about half what the app does per request, wrk a fraction of that, so with wrk the rate and the
/// tail show the app rather than its client. Same loop as <see cref="SingleRatingThroughput"/>:
/// each connection sends its next rating once the last is answered; every rating has its own id.</summary>
internal static partial class WrkLoad
{
    public static string? Path() =>
        new[] { "/usr/bin/wrk", "/usr/local/bin/wrk" }.FirstOrDefault(File.Exists);

    public static Task<SingleRatingThroughput.Round> MeasureAsync(AppProcess app, string key, TimeSpan duration, int connections, int influxPid, int round) =>
        MeasureAsync(app.Url, app.CpuTime, key, duration, connections, influxPid, round);

    /// <param name="serverCpu">The CPU the server has used so far (the app's, or the floor's).</param>
    /// <param name="influxPid">The server's influxd, if it has one (the floor has none).</param>
    public static async Task<SingleRatingThroughput.Round> MeasureAsync(Uri server, Func<TimeSpan> serverCpu, string key, TimeSpan duration, int connections, int? influxPid, int round)
    {
        var wrk = Path() ?? throw new InvalidOperationException("wrk is not installed: apt-get install wrk (or --client dotnet)");
        var script = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cx-wrk-{Environment.ProcessId}.lua");
        await File.WriteAllTextAsync(script, Script
            .Replace("SITES", LuaList(SingleRatingThroughput.Sites))
            .Replace("SCALES", LuaList(SingleRatingThroughput.Scales)));
        // Two threads for two cores; bash's `times` gives wrk's CPU once it has exited, which
        // /proc cannot.
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "-c", "\"$@\"; s=$?; times; exit $s", "wrk", wrk, "-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", $"{(int)duration.TotalSeconds}s", "--timeout", "60s", "-s", script, new Uri(server, "api/v1/ratings").ToString(),
                "--", $"r{round}x{Environment.TickCount64 % 100000}", key,
            },
        };
        var (appBefore, influxBefore) = (serverCpu(), InfluxCpu(influxPid));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync();
        }
        finally
        {
            File.Delete(script);
        }
        var (appCpu, influxCpu) = (serverCpu() - appBefore, InfluxCpu(influxPid) - influxBefore);
        var text = await output;
        var summary = Summary().Match(text);
        if (process.ExitCode != 0 || !summary.Success)
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {text} {await errors}");
        long Field(string name) => long.Parse(summary.Groups[name].Value, CultureInfo.InvariantCulture);
        if (Field("bad") > 0 || Field("errors") > 0)
            throw new InvalidOperationException($"wrk: {Field("bad")} answers other than 202 (first: {summary.Groups["first"].Value}), {Field("errors")} socket errors");
        var requests = Field("requests");
        var children = Times().Matches(text);
        // `times` prints the shell's own line, then its children's: wrk's user and system time.
        var wrkCpu = children.Count == 2 ? Seconds(children[1], "user") + Seconds(children[1], "sys") : double.NaN;
        return new SingleRatingThroughput.Round(
            requests / (Field("micros") / 1e6), Field("p50") / 1000.0, Field("p99") / 1000.0,
            appCpu.TotalMicroseconds / requests, wrkCpu * 1e6 / requests, influxCpu.TotalMicroseconds / requests);
    }

    private static TimeSpan InfluxCpu(int? pid) => pid is { } p ? Figures.CpuTime(p) : TimeSpan.Zero;

    private static string LuaList(IEnumerable<string> items) => "{ " + string.Join(", ", items.Select(i => $"\"{i}\"")) + " }";

    private static double Seconds(Match m, string part) =>
        int.Parse(m.Groups[part + "m"].Value, CultureInfo.InvariantCulture) * 60 + double.Parse(m.Groups[part + "s"].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^WRK requests=(?<requests>\d+) micros=(?<micros>\d+) p50=(?<p50>\d+) p99=(?<p99>\d+) errors=(?<errors>\d+) bad=(?<bad>\d+) first=(?<first>\S*)$", RegexOptions.Multiline)]
    private static partial Regex Summary();

    [GeneratedRegex(@"^(?<userm>\d+)m(?<users>[\d.]+)s (?<sysm>\d+)m(?<syss>[\d.]+)s$", RegexOptions.Multiline)]
    private static partial Regex Times();

    // The same rating as SingleRatingThroughput.Rating, with its sites and scales: ids unique per
    // run, thread and request, times spread over the last hour. A response other than 202 is
    // counted (wrk itself counts only 4xx and 5xx) and the first one's status kept.
    private const string Script = """
        local threads = {}
        function setup(thread)
          table.insert(threads, thread)
          thread:set("tid", #threads)
        end
        local run, key
        local n = 0
        -- Globals, not locals: done() reads them from each thread with thread:get.
        bad, first = 0, ""
        local sites = SITES
        local scales = SCALES
        function init(args)
          run, key = args[1], args[2]
        end
        function request()
          n = n + 1
          local body = string.format('{"id":"%s-%d-%d","time":"%s","scale":"%s","score":%d,"site":"%s","channel":"in-store","touchpoint":"checkout","customer":"c%d"}',
            run, tid, n, os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - (n % 3600)), scales[n % 4 + 1], n % 4 + 1, sites[n % 6 + 1], n % 5000)
          return wrk.format("POST", nil, { ["Content-Type"] = "application/json; charset=utf-8", ["X-Api-Key"] = key }, body)
        end
        function response(status, headers, body)
          if status ~= 202 then
            bad = bad + 1
            if first == "" then first = tostring(status) end
          end
        end
        function done(summary, latency, requests)
          local bad_all, first_all = 0, ""
          for _, t in ipairs(threads) do
            bad_all = bad_all + t:get("bad")
            if first_all == "" then first_all = t:get("first") end
          end
          local e = summary.errors
          io.write(string.format("WRK requests=%d micros=%d p50=%d p99=%d errors=%d bad=%d first=%s\n",
            summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
            e.connect + e.read + e.write + e.timeout, bad_all, first_all))
        end
        """;
}
