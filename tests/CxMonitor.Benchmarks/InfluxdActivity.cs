using System.Net.Http.Json;
using System.Text.Json;

namespace CxMonitor.Benchmarks;

/// <summary>What influxd did between two readings of its <c>/debug/vars</c>: the requests it
/// served and the compactions it finished (wall time, per database), so a CPU figure can be told apart from work that only
/// happened to fall into the same interval (a rollup query, a cache snapshot of the other
/// database).</summary>
internal sealed record InfluxdActivity(
    long WriteRequests, long PointsWritten, long Queries, TimeSpan QueryTime, IReadOnlyDictionary<string, TimeSpan> CompactionTime)
{
    public static async Task<InfluxdActivity> ReadAsync(HttpClient http, Uri influx)
    {
        var vars = await http.GetFromJsonAsync<JsonElement>(new Uri(influx, "debug/vars"));
        long writes = 0, points = 0, queries = 0, queryNs = 0;
        var compaction = new Dictionary<string, TimeSpan>();
        foreach (var entry in vars.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object || !entry.Value.TryGetProperty("values", out var values))
                continue;
            var name = entry.Value.TryGetProperty("name", out var n) ? n.GetString() : null;
            switch (name)
            {
                case "httpd":
                    writes += Long(values, "writeReq");
                    points += Long(values, "pointsWrittenOK");
                    queries += Long(values, "queryReq");
                    queryNs += Long(values, "queryReqDurationNs");
                    break;
                case "tsm1_engine":
                    var database = entry.Value.GetProperty("tags").GetProperty("database").GetString()!;
                    var ns = values.EnumerateObject().Where(p => p.Name.EndsWith("CompactionDuration", StringComparison.Ordinal)).Sum(p => p.Value.GetInt64());
                    compaction[database] = compaction.GetValueOrDefault(database) + TimeSpan.FromTicks(ns / 100);
                    break;
            }
        }
        return new(writes, points, queries, TimeSpan.FromTicks(queryNs / 100), compaction);
    }

    public static InfluxdActivity operator -(InfluxdActivity a, InfluxdActivity b) => new(
        a.WriteRequests - b.WriteRequests, a.PointsWritten - b.PointsWritten, a.Queries - b.Queries,
        a.QueryTime - b.QueryTime,
        a.CompactionTime.ToDictionary(p => p.Key, p => p.Value - b.CompactionTime.GetValueOrDefault(p.Key)));

    public override string ToString() =>
        $"{WriteRequests:N0} writes ({PointsWritten:N0} points), {Queries:N0} queries ({QueryTime.TotalMilliseconds:N0} ms), " +
        "compactions " + (CompactionTime.Values.All(t => t == TimeSpan.Zero) ? "none"
            : string.Join(", ", CompactionTime.Where(p => p.Value > TimeSpan.Zero).Select(p => $"{p.Key} {p.Value.TotalMilliseconds:N0} ms")));

    private static long Long(JsonElement values, string name) => values.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
}
