using System.Text;

namespace CxMonitor.Influx.Write;

/// <summary>One point: measurement, tags, fields and a millisecond timestamp. Shaped like
/// InfluxDB.Client's <c>PointData</c> (fluent) so that package can replace this one later;
/// unlike it, a point is a mutable builder because the ingest path builds many of them.</summary>
public sealed class PointData
{
    private readonly string _measurement;
    // A sorted list, not a SortedDictionary: points carry a handful of tags and are built by the
    // hundred thousand, so insertion into a small array is cheaper than tree nodes.
    private readonly List<KeyValuePair<string, string>> _tags = new(8);
    [ThreadStatic]
    private static StringBuilder? t_builder;
    private readonly List<KeyValuePair<string, object>> _fields = new(8);
    private long? _timestamp;
    private WritePrecision _precision = WritePrecision.Ms;

    private PointData(string measurement)
    {
        _measurement = measurement;
    }

    public static PointData Measurement(string measurement) => new(measurement);

    public string MeasurementName => _measurement;

    public IReadOnlyList<KeyValuePair<string, string>> Tags => _tags;

    public IReadOnlyList<KeyValuePair<string, object>> Fields => _fields;

    /// <summary>Unix time in <see cref="Precision"/> units; null means "let the server stamp it"
    /// (avoid: a retry then stores a second point).</summary>
    public long? TimestampValue => _timestamp;

    public WritePrecision Precision => _precision;

    /// <summary>Adds a tag; a null value leaves the tag out (a missing dimension), while an
    /// empty one is an error at encoding because InfluxDB rejects it.</summary>
    public PointData Tag(string key, string? value)
    {
        if (value is null)
            return this;
        var i = _tags.Count;
        while (i > 0 && string.CompareOrdinal(_tags[i - 1].Key, key) >= 0)
            i--;
        if (i < _tags.Count && _tags[i].Key == key)
            _tags[i] = new(key, value);
        else
            _tags.Insert(i, new(key, value));
        return this;
    }

    public PointData Field(string key, double value) => AddField(key, value);

    public PointData Field(string key, long value) => AddField(key, value);

    public PointData Field(string key, int value) => AddField(key, (long)value);

    public PointData Field(string key, bool value) => AddField(key, value);

    public PointData Field(string key, string? value) => value is null ? this : AddField(key, value);

    public PointData Timestamp(DateTimeOffset time)
    {
        return Timestamp(time.ToUnixTimeMilliseconds(), WritePrecision.Ms);
    }

    public PointData Timestamp(long unixMilliseconds)
    {
        return Timestamp(unixMilliseconds, WritePrecision.Ms);
    }

    /// <summary>A timestamp in the given unit; a writer only accepts points of its own precision.</summary>
    public PointData Timestamp(long value, WritePrecision precision)
    {
        _timestamp = value;
        _precision = precision;
        return this;
    }

    /// <summary>Encodes the point as one line (no trailing newline), validating every part.</summary>
    public string ToLineProtocol()
    {
        var sb = t_builder ??= new StringBuilder(256);
        sb.Clear();
        AppendTo(sb);
        var line = sb.ToString();
        if (sb.Capacity > 16 * 1024)
            t_builder = null; // do not pin a huge buffer after one odd point
        return line;
    }

    public void AppendTo(StringBuilder sb)
    {
        if (_fields.Count == 0)
            throw new LineProtocolException($"point '{_measurement}' has no fields: InfluxDB needs at least one.");
        LineProtocol.AppendMeasurement(sb, _measurement);
        foreach (var (key, value) in _tags)
        {
            sb.Append(',');
            LineProtocol.AppendKey(sb, key, "tag key");
            sb.Append('=');
            LineProtocol.AppendTagValue(sb, key, value);
        }
        for (var i = 0; i < _fields.Count; i++)
        {
            var (key, value) = _fields[i];
            sb.Append(i == 0 ? ' ' : ',');
            LineProtocol.AppendKey(sb, key, "field key");
            sb.Append('=');
            switch (value)
            {
                case double d: LineProtocol.AppendDouble(sb, key, d); break;
                case long l: LineProtocol.AppendLong(sb, l); break;
                case bool b: LineProtocol.AppendBool(sb, b); break;
                case string s: LineProtocol.AppendStringField(sb, s); break;
            }
        }
        if (_timestamp is { } ts)
            sb.Append(' ').Append(ts);
    }

    public override string ToString() => ToLineProtocol();

    private PointData AddField(string key, object value)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            if (_fields[i].Key == key)
            {
                _fields[i] = new(key, value);
                return this;
            }
        }
        _fields.Add(new(key, value));
        return this;
    }
}
