using System.Diagnostics;
using System.Globalization;
using CxMonitor.Web.Data;
using CxMonitor.Web.Ingest;
using CxMonitor.Web.Metrics;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Cli;

/// <summary><c>cxmonitor rollups rebuild --from T --to T</c>: rewrites the hourly and daily
/// rollups of a range from the raw points, a day at a time with a line of progress each. It talks
/// to InfluxDB itself, so it works whether the app runs or not; a running app learns of the rebuilt
/// ranges from app state and drops what it cached of them (rewriting a rollup is idempotent).</summary>
internal static class RollupsCommand
{
    private const string Use = "Use 'cxmonitor rollups rebuild --from TIME --to TIME' (a date means 00:00 UTC; --to is exclusive).";

    public static (DateTimeOffset From, DateTimeOffset To) CheckUsage(CliArguments args)
    {
        if (args.Words is not ["rollups", "rebuild"] || args.Options.Keys.Any(k => k is not ("--from" or "--to")))
            throw new CliUsageException(Use);
        var from = Instant(args, "--from");
        var to = Instant(args, "--to");
        if (to <= from)
            throw new CliUsageException($"--to ({to:yyyy-MM-dd'T'HH:mm:ss'Z'}) must be after --from ({from:yyyy-MM-dd'T'HH:mm:ss'Z'}).");
        return (CellReader.Floor(from), CellReader.Ceiling(to));
    }

    public static async Task<int> RunAsync(IServiceProvider services, DateTimeOffset from, DateTimeOffset to, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var storage = services.GetRequiredService<IOptions<InfluxStorageOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        // Older than the raw retention there is nothing to roll up from: a typo in the year must not
        // walk through centuries of empty days.
        var oldest = CellReader.Floor(clock.GetUtcNow() - TimeSpan.FromDays(storage.RawRetentionDays));
        if (from < oldest)
        {
            await stderr.WriteLineAsync($"--from is before the raw points' retention (Influx:RawRetentionDays = {storage.RawRetentionDays}): nothing older than {Format(oldest)} can be rebuilt.");
            return Cli.Failed;
        }
        var rollups = services.GetRequiredService<Rollups>();
        var rebuilds = services.GetRequiredService<RollupRebuilds>();
        var days = Days(from, to).ToList();
        await stdout.WriteLineAsync($"Rebuilding rollups from {Format(from)} to {Format(to)}: {(to - from).TotalHours:0} hours in {days.Count} day(s), InfluxDB {storage.Url} ({storage.Database} -> {storage.RollupDatabase})");
        var started = Stopwatch.StartNew();
        var points = 0;
        for (var i = 0; i < days.Count; i++)
        {
            var (dayFrom, dayTo) = days[i];
            var written = await rollups.RollUpAsync(dayFrom, dayTo, ct);
            points += written;
            await rebuilds.RecordAsync(dayFrom, dayTo, clock.GetUtcNow(), ct);
            var endHour = dayTo.TimeOfDay == TimeSpan.Zero ? 24 : dayTo.Hour;
            await stdout.WriteLineAsync(FormattableString.Invariant($"[{i + 1}/{days.Count}] {dayFrom:yyyy-MM-dd} {dayFrom.Hour:00}:00-{endHour:00}:00 UTC: {written} rollup points"));
        }
        await stdout.WriteLineAsync($"Done: {(to - from).TotalHours:0} hours, {points} rollup points in {started.Elapsed.TotalSeconds:0.0} s");
        return Cli.Ok;
    }

    /// <summary>A date (00:00 UTC) or an RFC 3339 time with its offset.</summary>
    private static DateTimeOffset Instant(CliArguments args, string option)
    {
        if (!args.Options.TryGetValue(option, out var text))
            throw new CliUsageException($"{option} is required. {Use}");
        if (Rfc3339.TryParse(text, out var time))
            return time.ToUniversalTime();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        throw new CliUsageException($"{option} '{text}' is not a date (2026-11-01) or an RFC 3339 time (2026-11-01T06:00:00Z).");
    }

    /// <summary>The range cut at UTC midnights: one query per day keeps each one small.</summary>
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Days(DateTimeOffset from, DateTimeOffset to)
    {
        for (var start = from; start < to;)
        {
            var midnight = new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
            var end = midnight < to ? midnight : to;
            yield return (start, end);
            start = end;
        }
    }

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
