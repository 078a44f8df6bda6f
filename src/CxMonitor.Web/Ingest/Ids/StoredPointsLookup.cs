using System.Globalization;
using System.Text;
using CxMonitor.Influx;
using CxMonitor.Influx.Query;
using CxMonitor.Influx.Write;
using CxMonitor.Web.Data;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Ingest.Ids;

/// <summary>Asks InfluxDB what the milliseconds of back-filled ratings already hold, for the
/// ratings the ledger may have forgotten (older than its horizon). One statement per distinct
/// millisecond, many statements per request; only back-fills older than the ledger's memory pay
/// for it.</summary>
public sealed class StoredPointsLookup(InfluxDBClient influx, IOptions<InfluxStorageOptions> storage)
{
    private const int StatementsPerRequest = 400;

    /// <exception cref="InfluxException">InfluxDB could not be asked: the ratings cannot be
    /// placed safely now (the caller answers 503).</exception>
    public async Task<StoredPoints> FindAsync(IEnumerable<long> milliseconds, CancellationToken ct)
    {
        var ids = new HashSet<ulong>();
        var slots = new HashSet<ulong>();
        foreach (var chunk in milliseconds.Distinct().Chunk(StatementsPerRequest))
        {
            var text = string.Join(';', chunk.Select(ms => string.Create(CultureInfo.InvariantCulture,
                $"SELECT \"id\" FROM \"{RatingPoints.Measurement}\" WHERE time >= {ms * 1_000_000} AND time < {(ms + 1) * 1_000_000} GROUP BY *")));
            IReadOnlyList<InfluxStatementResult> results;
            try
            {
                results = await influx.GetQueryApi().QueryAsync(new InfluxQuery(text), storage.Value.Database, ct, epoch: "ns");
            }
            catch (InfluxQueryException ex) when (ex.Message.Contains("database not found", StringComparison.Ordinal))
            {
                return new StoredPoints(ids, slots); // nothing stored yet
            }
            foreach (var series in results.SelectMany(r => r.Series))
            {
                var seriesHash = StableHash.Of(SeriesKey(series.Tags));
                var source = series.Tag("source") ?? string.Empty;
                for (var row = 0; row < series.Rows.Count; row++)
                {
                    if (series.GetLong(row, "time") is not { } timestamp)
                        continue;
                    slots.Add(StableHash.Slot(seriesHash, timestamp));
                    if (series.GetString(row, "id") is { } id)
                        ids.Add(StableHash.Of(source, id));
                }
            }
        }
        return new StoredPoints(ids, slots);
    }

    /// <summary>The series key as <see cref="RatingPoints.SeriesKey"/> writes it: tags in key
    /// order, empty ones left out (GROUP BY * reports a missing tag as "").</summary>
    private static string SeriesKey(IReadOnlyDictionary<string, string> tags)
    {
        var sb = new StringBuilder(RatingPoints.Measurement);
        foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (value.Length == 0)
                continue;
            sb.Append(',').Append(key).Append('=');
            LineProtocol.AppendTagValue(sb, key, value);
        }
        return sb.ToString();
    }
}
