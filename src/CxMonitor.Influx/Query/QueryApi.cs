using System.Net;
using System.Text.Json;

namespace CxMonitor.Influx.Query;

/// <summary>Runs InfluxQL over <c>/query</c> with <c>epoch=ms</c>. Both error forms are thrown
/// as <see cref="InfluxQueryException"/>: a request error (HTTP 400 <c>{"error"}</c>) and a
/// statement error (HTTP 200 with <c>results[i].error</c>).</summary>
public sealed class QueryApi
{
    private const int MaxGetUrlLength = 4000;
    private readonly InfluxTransport _transport;

    internal QueryApi(InfluxTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Runs one or more statements (separated by <c>;</c>) and returns each one's result.</summary>
    /// <param name="query">The InfluxQL text.</param>
    /// <param name="database">The database, or null for statements that name none.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <param name="epoch">The precision of returned times: <c>ms</c> (what
    /// <see cref="InfluxSeries.GetTime"/> reads), or <c>ns</c> for exact point identities (read with
    /// <see cref="InfluxSeries.GetLong"/> on <c>time</c>).</param>
    public async Task<IReadOnlyList<InfluxStatementResult>> QueryAsync(
        InfluxQuery query, string? database, CancellationToken ct = default, string epoch = "ms")
    {
        var text = query.Text;
        var parameters = (database is null ? string.Empty : $"db={Uri.EscapeDataString(database)}&") + "epoch=" + Uri.EscapeDataString(epoch);
        var encodedQuery = "q=" + Uri.EscapeDataString(text);
        // Reads go as GET (2.x's v1 API and read-only users accept it); anything that changes
        // state must be POST on 1.x, and a very long query would overflow a URL.
        var readOnly = text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            || text.TrimStart().StartsWith("SHOW", StringComparison.OrdinalIgnoreCase);
        var asGet = readOnly && parameters.Length + encodedQuery.Length < MaxGetUrlLength;
        var uri = _transport.Address(asGet ? $"query?{parameters}&{encodedQuery}" : $"query?{parameters}");
        var (status, body, _) = await _transport.SendAsync(
            () => asGet
                ? new HttpRequestMessage(HttpMethod.Get, uri)
                : new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(encodedQuery, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") },
            new RetryOptions { MaxRetries = readOnly ? _transport.Options.ReadRetries : 0 },
            null,
            ct).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
            throw new InfluxQueryException($"{InfluxTransport.ErrorText(status, body)} (query: {text})", status, null);
        return Parse(body, text);
    }

    public async Task<IReadOnlyList<InfluxSeries>> QuerySeriesAsync(InfluxQuery query, string? database, CancellationToken ct = default)
    {
        var results = await QueryAsync(query, database, ct).ConfigureAwait(false);
        return results.Count == 0 ? [] : results[0].Series;
    }

    internal static IReadOnlyList<InfluxStatementResult> Parse(string body, string queryText)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (root.TryGetProperty("error", out var topError))
            throw new InfluxQueryException($"InfluxDB query failed: {topError.GetString()} (query: {queryText})", HttpStatusCode.OK, null);
        var statements = new List<InfluxStatementResult>();
        if (!root.TryGetProperty("results", out var results))
            return statements;
        foreach (var result in results.EnumerateArray())
        {
            var id = result.TryGetProperty("statement_id", out var sid) ? sid.GetInt32() : statements.Count;
            if (result.TryGetProperty("error", out var error))
                throw new InfluxQueryException($"InfluxDB statement {id} failed: {error.GetString()} (query: {queryText})", HttpStatusCode.OK, id);
            var series = new List<InfluxSeries>();
            if (result.TryGetProperty("series", out var seriesArray))
            {
                foreach (var s in seriesArray.EnumerateArray())
                    series.Add(ReadSeries(s));
            }
            statements.Add(new InfluxStatementResult(id, series));
        }
        return statements;
    }

    private static InfluxSeries ReadSeries(JsonElement s)
    {
        var name = s.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (s.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in t.EnumerateObject())
                tags[p.Name] = p.Value.GetString() ?? string.Empty;
        }
        var columns = new List<string>();
        if (s.TryGetProperty("columns", out var c))
        {
            foreach (var col in c.EnumerateArray())
                columns.Add(col.GetString() ?? string.Empty);
        }
        var rows = new List<JsonElement[]>();
        if (s.TryGetProperty("values", out var v))
        {
            foreach (var row in v.EnumerateArray())
            {
                var cells = new JsonElement[row.GetArrayLength()];
                var i = 0;
                foreach (var cell in row.EnumerateArray())
                    cells[i++] = cell.Clone();
                rows.Add(cells);
            }
        }
        return new InfluxSeries(name, tags, columns, rows);
    }
}
