using System.Globalization;
using System.Text;

namespace CxMonitor.Web.Trends;

/// <summary>CSV downloads of the trend views (RFC 4180, invariant culture, UTF-8 with a BOM so
/// that spreadsheet programs read Cyrillic comments right).</summary>
internal static class TrendCsv
{
    public static IResult Series(string metric, string scope, IReadOnlyList<TrendPoint> points) => File(
        $"cxmonitor-{metric}-{Safe(scope)}.csv",
        ["start", "end", "metric", "value", "low", "high", "n", "previous_value", "previous_n"],
        points.Select(p => new object?[] { p.Start, p.End.AddDays(-1), metric, p.Value, p.Low, p.High, p.N, p.PreviousValue, p.PreviousN }));

    public static IResult League(string dimension, IReadOnlyList<LeagueRow> rows) => File(
        $"cxmonitor-league-{dimension}.csv",
        [dimension, "name", "volume", "state", "csat", "csat_n", "csat_low", "csat_high", "nps", "nps_n", "nps_low", "nps_high", "mean_norm", "stars_mean", "negatives",
            "csat_change", "baseline_csat_n", "csat_starred", "nps_change", "baseline_nps_n", "nps_starred"],
        rows.Select(r => new object?[] { r.Key, r.Name, r.N, r.State, r.Csat, r.CsatN, r.CsatLow, r.CsatHigh, r.Nps, r.NpsN, r.NpsLow, r.NpsHigh, r.MeanNorm, r.StarsMean, r.Negatives,
            r.CsatChange, r.BaselineCsatN, r.Significant, r.NpsChange, r.BaselineNpsN, r.NpsStarred }));

    public static IResult Ratings(IReadOnlyList<TrendRating> ratings) => File(
        "cxmonitor-ratings.csv",
        ["time", "site", "channel", "touchpoint", "scale", "score", "dissatisfied", "comment", "reasons", "language"],
        ratings.Select(r => new object?[] { r.Time, r.Site, r.Channel, r.Touchpoint, r.Scale, r.Score, r.Dissatisfied, r.Comment, r.Reasons, r.Language }));

    private static IResult File(string name, string[] header, IEnumerable<object?[]> rows)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', header).Append("\r\n");
        foreach (var row in rows)
            sb.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", name);
    }

    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            double d => Math.Round(d, 4).ToString(CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        // A leading = + - @ would run as a formula in a spreadsheet: quote it with a tick.
        if (text.Length > 0 && text[0] is '=' or '+' or '@' or '\t' or '\r' || (text.StartsWith('-') && !double.TryParse(text, CultureInfo.InvariantCulture, out _)))
            text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    private static string Safe(string scope) => new(scope.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '-').ToArray());
}
