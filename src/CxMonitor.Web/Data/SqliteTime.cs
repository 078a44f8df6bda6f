using System.Globalization;

namespace CxMonitor.Web.Data;

/// <summary>Instants in app-state tables are UTC ISO-8601 text on both engines: readable in the
/// sqlite3 shell and psql, ordered by plain string comparison, so every comparison is one SQL
/// text for SQLite and PostgreSQL (decision 0025).</summary>
public static class SqliteTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ParseOrNull(string? text) => text is null ? null : Parse(text);
}
