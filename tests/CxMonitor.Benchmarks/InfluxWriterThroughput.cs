using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using CxMonitor.Influx.Write;
using CxMonitor.Testing;

namespace CxMonitor.Benchmarks;

/// <summary>Issue 2's figure: the batching writer's points/s into influxd beside raw posts of
/// pre-encoded line protocol with the same batch size and one request at a time, alternating
/// rounds in one run against one throwaway influxd so both see the same machine noise.</summary>
internal static class InfluxWriterThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var points = Figures.IntOption(args, "--points", 200_000);
        var rounds = Figures.IntOption(args, "--rounds", 5);
        var batch = Figures.IntOption(args, "--batch", 5000);
        await using var influxd = await InfluxdServer.StartAsync();
        using var client = influxd.CreateClient();
        await new CxMonitor.Influx.Setup.InfluxV1Setup(client).EnsureDatabaseAsync("bench", null);
        using var http = new HttpClient { BaseAddress = influxd.Url };
        Console.WriteLine($"influxd pid {influxd.Pid}; {points:N0} points a round, batches of {batch:N0}, one request at a time, {rounds} rounds each");

        var raw = new List<double>();
        var writer = new List<double>();
        for (var round = 0; round < rounds + 1; round++)
        {
            var rawRate = await RawRoundAsync(http, points, batch, round);
            var writerRate = await WriterRoundAsync(client, points, batch, round);
            if (round == 0)
                continue; // warm-up: JIT, connection pool, influxd's first shards
            raw.Add(rawRate);
            writer.Add(writerRate);
            Console.WriteLine($"round {round}: raw {rawRate,10:N0} points/s   writer {writerRate,10:N0} points/s");
        }
        var ratio = Figures.Median(writer) / Figures.Median(raw);
        Console.WriteLine($"median raw    {Figures.Median(raw),10:N0} points/s");
        Console.WriteLine($"median writer {Figures.Median(writer),10:N0} points/s");
        Console.WriteLine($"writer / raw  {ratio:P0} (target >= 80 %)");
        return 0;
    }

    private static PointData Point(int round, int i) => PointData.Measurement("rating")
        .Tag("site", $"site-{i % 200:D3}").Tag("touchpoint", $"tp{i % 5}").Tag("scale", "csat5")
        .Field("score", (long)(1 + (i % 5))).Field("norm", (i % 5) * 25.0).Field("sat", i % 5 >= 3 ? 1L : 0L)
        .Field("dis", i % 5 <= 1 ? 1L : 0L).Field("id", $"r{round}-{i}")
        .Timestamp(1_700_000_000_000L + (round * 10_000_000L) + i);

    private static async Task<double> RawRoundAsync(HttpClient http, int points, int batch, int round)
    {
        var bodies = new List<byte[]>();
        var sb = new StringBuilder();
        for (var start = 0; start < points; start += batch)
        {
            sb.Clear();
            for (var i = start; i < Math.Min(points, start + batch); i++)
            {
                if (i > start)
                    sb.Append('\n');
                Point(round * 2, i).AppendTo(sb);
            }
            bodies.Add(Encoding.UTF8.GetBytes(sb.ToString()));
        }
        var watch = Stopwatch.StartNew();
        foreach (var body in bodies)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            using var response = await http.PostAsync("write?db=bench&precision=ms", content);
            response.EnsureSuccessStatusCode();
        }
        return points / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> WriterRoundAsync(CxMonitor.Influx.InfluxDBClient client, int points, int batch, int round)
    {
        var watch = Stopwatch.StartNew();
        var writer = client.GetWriteApi("bench", new WriteOptions { BatchSize = batch });
        for (var i = 0; i < points; i++)
            await writer.WritePointAsync(Point((round * 2) + 1, i));
        await writer.DisposeAsync();
        if (writer.Counters.PointsWritten != points)
            throw new InvalidOperationException($"writer stored {writer.Counters.PointsWritten} of {points} points");
        return points / watch.Elapsed.TotalSeconds;
    }
}
