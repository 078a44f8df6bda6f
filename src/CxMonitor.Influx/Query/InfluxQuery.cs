using System.Globalization;
using System.Text;

namespace CxMonitor.Influx.Query;

/// <summary>An InfluxQL statement whose values were quoted by <see cref="InfluxQL.Format"/>;
/// callers never splice user input into query text themselves.</summary>
public readonly record struct InfluxQuery(string Text)
{
    public override string ToString() => Text;
}

/// <summary>An identifier (measurement, tag key, field key, database) to be double-quoted.</summary>
public readonly record struct InfluxIdentifier(string Name);

/// <summary>Text the caller vouches for (a fixed fragment, a function name, an operator).</summary>
public readonly record struct InfluxRaw(string Text);

/// <summary>Quoting rules of InfluxQL and a safe formatter.</summary>
public static class InfluxQL
{
    /// <summary>Builds a query from an interpolated string: strings become quoted literals,
    /// <see cref="InfluxIdentifier"/> double-quoted identifiers, <see cref="DateTimeOffset"/>
    /// RFC 3339 literals, <see cref="TimeSpan"/> durations, numbers invariant-culture text.</summary>
    public static InfluxQuery Format(FormattableString query)
    {
        var args = query.GetArguments();
        var rendered = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
            rendered[i] = Render(args[i]);
        return new InfluxQuery(string.Format(CultureInfo.InvariantCulture, query.Format, rendered));
    }

    public static InfluxIdentifier Id(string name) => new(name);

    public static InfluxRaw Raw(string text) => new(text);

    public static string QuoteIdentifier(string name) => Quote(name, '"');

    public static string QuoteString(string value) => Quote(value, '\'');

    /// <summary>A regular-expression literal that matches exactly one of the given values.</summary>
    public static string RegexOf(IEnumerable<string> values)
    {
        var body = string.Join('|', values.Select(v => System.Text.RegularExpressions.Regex.Escape(v).Replace("/", "\\/", StringComparison.Ordinal)));
        return $"/^(?:{body})$/";
    }

    public static string Duration(TimeSpan span)
    {
        if (span.Ticks % TimeSpan.TicksPerDay == 0)
            return $"{span.Ticks / TimeSpan.TicksPerDay}d";
        if (span.Ticks % TimeSpan.TicksPerHour == 0)
            return $"{span.Ticks / TimeSpan.TicksPerHour}h";
        if (span.Ticks % TimeSpan.TicksPerMinute == 0)
            return $"{span.Ticks / TimeSpan.TicksPerMinute}m";
        if (span.Ticks % TimeSpan.TicksPerSecond == 0)
            return $"{span.Ticks / TimeSpan.TicksPerSecond}s";
        return $"{span.Ticks / TimeSpan.TicksPerMillisecond}ms";
    }

    public static string Time(DateTimeOffset time) =>
        QuoteString(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    private static string Render(object? arg) => arg switch
    {
        null => throw new ArgumentNullException(nameof(arg), "A null value cannot be put into InfluxQL."),
        string s => QuoteString(s),
        InfluxIdentifier id => QuoteIdentifier(id.Name),
        InfluxRaw raw => raw.Text,
        DateTimeOffset t => Time(t),
        DateTime t => Time(new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t)),
        TimeSpan span => Duration(span),
        bool b => b ? "true" : "false",
        double d when !double.IsFinite(d) => throw new ArgumentException($"{d} cannot be put into InfluxQL."),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"A {arg.GetType().Name} cannot be put into InfluxQL; quote it explicitly."),
    };

    private static string Quote(string value, char quote)
    {
        var sb = new StringBuilder(value.Length + 2).Append(quote);
        foreach (var c in value)
        {
            if (c == '\n')
            {
                // A raw line break ends the literal in InfluxQL's scanner; it reads \n back as one.
                sb.Append("\\n");
                continue;
            }
            if (c == quote || c == '\\')
                sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append(quote).ToString();
    }
}
