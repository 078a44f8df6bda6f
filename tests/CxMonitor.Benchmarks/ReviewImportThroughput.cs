using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using CxMonitor.Influx.Query;
using CxMonitor.Testing;

namespace CxMonitor.Benchmarks;

/// <summary>Issue 7's figure: 1,000,000 reviews from a CSV file into influxd in under 60 s. The
/// file (our reviews-csv format, texts in three languages, some over several lines) is written
/// first; the clock runs from the upload's first byte until InfluxDB answers a count of every
/// review. Also prints when the app acknowledged the import (all of it safe in the spool).</summary>
internal static class ReviewImportThroughput
{
    private static readonly string[] Sites = ["london-oxford-st", "berlin-alexanderplatz", "kyiv-khreshchatyk", "warsaw-centrum", "riga-old-town", "new-york-5th-ave"];

    private static readonly string[] Texts =
    [
        "Great coffee and friendly staff, will come back",
        "\"Waited 40 minutes\nfor a cold sandwich\", not again",
        "Очень долго ждали, персонал грубый",
        "Все было отлично, спасибо!",
        "Дуже смачно, дякую за швидке обслуговування",
        "Брудні столи і довга черга",
        "Not bad at all, but the price is high",
        "The app crashed at payment; card charged twice",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var count = Figures.IntOption(args, "--reviews", 1_000_000);
        var file = Path.Combine(Path.GetTempPath(), $"cxbench-reviews-{count}.csv");
        var written = Stopwatch.StartNew();
        await WriteCsvAsync(file, count);
        Console.WriteLine($"{count:N0} reviews, {new FileInfo(file).Length / 1048576.0:N0} MB of CSV written in {written.Elapsed.TotalSeconds:N1} s: {file}");

        await using var influxd = await InfluxdServer.StartAsync();
        var sites = Sites.SelectMany((s, i) => new[] { new KeyValuePair<string, string>($"Sites__{i}__Id", s), new($"Sites__{i}__Name", s), new($"Sites__{i}__TimeZone", "Europe/Berlin") });
        var appSettings = new Dictionary<string, string>(sites);
        if (Figures.StringOption(args, "--shard-days") is { } shardDays)
            appSettings["Influx__RawShardDays"] = shardDays;
        if (Figures.StringOption(args, "--gc-server") is { } gcServer)
            appSettings["DOTNET_gcServer"] = gcServer;
        await using var app = await AppProcess.StartAsync(influxd.Url, "bench", appSettings, startSeconds: 60);
        var key = await app.CliAsync("keys", "create", "--source", "bench", "--sites", "*");
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var (appCpu, influxCpu) = (app.CpuTime(), Figures.CpuTime(influxd.Pid!.Value));

        // --trace FILE: a CPU sampling trace of the app during the import (dotnet-trace on PATH or in ~/.dotnet/tools).
        if (Figures.StringOption(args, "--trace") is { } traceFile)
        {
            var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace");
            Process.Start(File.Exists(tool) ? tool : "dotnet-trace", ["collect", "-p", app.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--profile", "dotnet-sampled-thread-time", "--format", "Speedscope", "-o", traceFile, "--duration", "00:00:00:06"]);
            await Task.Delay(2000);
        }
        var clock = Stopwatch.StartNew();
        await using (var body = File.OpenRead(file))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app.Url, "/api/v1/reviews/import?mapping=reviews-csv&platform=bench")) { Content = new StreamContent(body, 1 << 16) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            request.Headers.Add("X-Api-Key", key);
            using var response = await http.SendAsync(request);
            Console.WriteLine($"import acknowledged after {clock.Elapsed.TotalSeconds:N1} s: {(int)response.StatusCode} {Cut(await response.Content.ReadAsStringAsync())}");
            if (!response.IsSuccessStatusCode)
                return 1;
        }
        using var influx = influxd.CreateClient();
        long stored = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            var s = await influx.GetQueryApi().QuerySeriesAsync(new InfluxQuery("SELECT count(n) AS n FROM review"), "bench");
            stored = s.Count == 0 ? 0 : s[0].GetLong(0, "n") ?? 0;
            if (stored >= count)
                break;
            await Task.Delay(250);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{stored:N0} of {count:N0} reviews queryable in InfluxDB after {seconds:N1} s: {stored / seconds:N0} reviews/s (target: 1,000,000 in < 60 s)");
        Console.WriteLine($"CPU: app {(app.CpuTime() - appCpu).TotalSeconds:N1} s, influxd {(Figures.CpuTime(influxd.Pid!.Value) - influxCpu).TotalSeconds:N1} s; app peak RSS {app.PeakRssMb():N0} MB");
        File.Delete(file);
        return stored >= count ? 0 : 1;
    }

    private static async Task WriteCsvAsync(string file, int count)
    {
        var random = new Random(7);
        var now = DateTimeOffset.UtcNow;
        await using var writer = new StreamWriter(file, false, new UTF8Encoding(true), 1 << 16);
        await writer.WriteAsync("externalId,time,stars,title,text,author,url,language,site\n");
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var text = Texts[random.Next(Texts.Length)];
            var quoted = "\"" + text.Replace("\"", "\"\"") + "\"";
            sb.Clear().Append("bench-").Append(i).Append(',')
                .Append(now.AddMinutes(-random.Next(1, 300 * 24 * 60)).ToString("yyyy-MM-ddTHH:mm:ssZ")).Append(',')
                .Append(1 + random.Next(5)).Append(",,").Append(quoted).Append(",Guest ").Append(i % 5000).Append(",,,")
                .Append(Sites[i % Sites.Length]).Append('\n');
            await writer.WriteAsync(sb);
        }
    }

    private static string Cut(string s) => s.Length > 300 ? s[..300] + "…" : s;
}
