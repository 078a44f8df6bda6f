using System.Globalization;
using System.Text.Json;

namespace CxMonitor.Influx.Query;

/// <summary>One series of a query result: name, group-by tags, columns and rows.</summary>
public sealed class InfluxSeries
{
    private readonly Dictionary<string, int> _columnIndex;

    public InfluxSeries(string name, IReadOnlyDictionary<string, string> tags, IReadOnlyList<string> columns, IReadOnlyList<JsonElement[]> rows)
    {
        Name = name;
        Tags = tags;
        Columns = columns;
        Rows = rows;
        _columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
            _columnIndex.TryAdd(columns[i], i);
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, string> Tags { get; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<JsonElement[]> Rows { get; }

    public string? Tag(string key) => Tags.TryGetValue(key, out var v) ? v : null;

    public bool HasColumn(string column) => _columnIndex.ContainsKey(column);

    /// <summary>Null for a JSON null (an empty aggregate) or a missing column.</summary>
    public double? GetDouble(int row, string column)
    {
        var e = Cell(row, column);
        return e.ValueKind switch
        {
            JsonValueKind.Number => e.GetDouble(),
            JsonValueKind.String when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }

    public long? GetLong(int row, string column)
    {
        var e = Cell(row, column);
        if (e.ValueKind != JsonValueKind.Number)
            return null;
        return e.TryGetInt64(out var l) ? l : (long)Math.Round(e.GetDouble());
    }

    public string? GetString(int row, string column)
    {
        var e = Cell(row, column);
        return e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => e.GetRawText(),
        };
    }

    public bool? GetBool(int row, string column)
    {
        var e = Cell(row, column);
        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }

    /// <summary>The <c>time</c> column, read with <c>epoch=ms</c>.</summary>
    public DateTimeOffset? GetTime(int row) =>
        GetLong(row, "time") is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private JsonElement Cell(int row, string column)
    {
        if (!_columnIndex.TryGetValue(column, out var index))
            return default;
        var values = Rows[row];
        return index < values.Length ? values[index] : default;
    }
}

/// <summary>The result of one statement.</summary>
public sealed record InfluxStatementResult(int StatementId, IReadOnlyList<InfluxSeries> Series);
