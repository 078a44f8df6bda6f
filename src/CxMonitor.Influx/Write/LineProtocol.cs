using System.Globalization;
using System.Text;

namespace CxMonitor.Influx.Write;

/// <summary>Line-protocol escaping as InfluxDB 1.x, 2.x and 3 Core parse it.</summary>
/// <remarks>
/// The server un-escapes only <c>\,</c>, <c>\ </c> and <c>\=</c> in names and tag values and
/// keeps any other backslash literally, so prefixing just those characters round-trips every
/// string except three: one with a line break, one ending in a backslash (it would escape the
/// separator after it) and one with a backslash right before a comma, space or equals sign
/// (1.6.7 drops the backslash from measurements and rejects it in field keys, seen). Those are
/// refused rather than silently stored as something else.
/// </remarks>
public static class LineProtocol
{
    public static void AppendMeasurement(StringBuilder sb, string measurement)
    {
        CheckName(measurement, "measurement");
        if (measurement[0] == '#')
            throw new LineProtocolException($"measurement '{measurement}' must not start with '#': InfluxDB reads such a line as a comment.");
        AppendEscaped(sb, measurement, escapeEquals: false);
    }

    /// <summary>Tag keys, tag values and field keys share one rule set.</summary>
    public static void AppendKey(StringBuilder sb, string key, string what)
    {
        CheckName(key, what);
        if (key == "time")
            throw new LineProtocolException($"{what} must not be 'time': InfluxDB reserves it for the timestamp.");
        AppendEscaped(sb, key, escapeEquals: true);
    }

    public static void AppendTagValue(StringBuilder sb, string key, string value)
    {
        CheckName(value, $"tag '{key}' value");
        AppendEscaped(sb, value, escapeEquals: true);
    }

    public static void AppendStringField(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
                sb.Append('\\');
            sb.Append(c);
        }
        sb.Append('"');
    }

    public static void AppendDouble(StringBuilder sb, string key, double value)
    {
        if (!double.IsFinite(value))
            throw new LineProtocolException($"field '{key}' is {value}: InfluxDB stores only finite numbers.");
        sb.Append(value.ToString("R", CultureInfo.InvariantCulture));
    }

    public static void AppendLong(StringBuilder sb, long value) =>
        sb.Append(value.ToString(CultureInfo.InvariantCulture)).Append('i');

    public static void AppendBool(StringBuilder sb, bool value) => sb.Append(value ? "true" : "false");

    private static void CheckName(string value, string what)
    {
        if (string.IsNullOrEmpty(value))
            throw new LineProtocolException($"{what} must not be empty.");
        if (value.AsSpan().IndexOfAny('\n', '\r') >= 0)
            throw new LineProtocolException($"{what} '{Printable(value)}' must not contain a line break.");
        if (value[^1] == '\\')
            throw new LineProtocolException($"{what} '{value}' must not end with a backslash: line protocol cannot express it.");
        for (var i = value.IndexOf('\\'); i >= 0 && i < value.Length - 1; i = value.IndexOf('\\', i + 1))
        {
            if (value[i + 1] is ',' or ' ' or '=')
                throw new LineProtocolException($"{what} '{value}' must not have a backslash before '{value[i + 1]}': line protocol cannot express it.");
        }
    }

    private static void AppendEscaped(StringBuilder sb, string value, bool escapeEquals)
    {
        foreach (var c in value)
        {
            if (c is ',' or ' ' || (escapeEquals && c == '='))
                sb.Append('\\');
            sb.Append(c);
        }
    }

    private static string Printable(string value) => value.Replace("\n", "\\n").Replace("\r", "\\r");
}
