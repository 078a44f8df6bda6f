using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using CxMonitor.Web.Data;
using Dapper;

namespace CxMonitor.Web.Sites;

/// <summary>The known sites, held as an immutable snapshot: <see cref="TryGet"/> runs for every
/// rating, so it reads one volatile reference and a frozen dictionary, with no lock and no
/// database. Writes go to the database first and then swap in a fresh snapshot.</summary>
public sealed class SiteCatalog(AppStateDb db, TimeProvider time, ILogger<SiteCatalog> logger)
{
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private volatile Snapshot _snapshot = Snapshot.Empty;

    public IReadOnlyList<Site> All => _snapshot.All;

    public bool TryGet(string id, [MaybeNullWhen(false)] out Site site) => _snapshot.ById.TryGetValue(id, out site);

    /// <summary>Creates the site or replaces its name, time zone and hours.</summary>
    public async Task UpsertAsync(Site site, CancellationToken cancellationToken = default)
    {
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO sites (id, name, time_zone, opening_hours, created_at, updated_at)
                VALUES (@Id, @Name, @TimeZone, @OpeningHours, @Now, @Now)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone,
                    opening_hours = excluded.opening_hours, updated_at = excluded.updated_at
                """,
                ToRow(site), cancellationToken: cancellationToken));
        }
        await ReloadAsync(cancellationToken);
    }

    /// <summary>Inserts the sites whose id is not in the database yet and leaves existing rows
    /// alone, so edits made through the API survive a restart; returns how many were inserted.</summary>
    public async Task<int> InsertMissingAsync(IEnumerable<Site> sites, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var inserted = 0;
        foreach (var site in sites)
        {
            inserted += await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO sites (id, name, time_zone, opening_hours, created_at, updated_at)
                VALUES (@Id, @Name, @TimeZone, @OpeningHours, @Now, @Now)
                ON CONFLICT (id) DO NOTHING
                """,
                ToRow(site), transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        // One reload at a time: otherwise a slow reader could swap in an older snapshot after a newer one.
        await _reloadGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = await connection.QueryAsync<SiteRow>(new CommandDefinition(
                "SELECT id AS Id, name AS Name, time_zone AS TimeZone, opening_hours AS OpeningHours FROM sites ORDER BY id",
                cancellationToken: cancellationToken));
            _snapshot = new Snapshot(rows.Select(FromRow).OfType<Site>().ToArray());
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    private object ToRow(Site site) => new
    {
        site.Id,
        site.Name,
        site.TimeZone,
        OpeningHours = JsonSerializer.Serialize(site.OpeningHours.ToDictionary()),
        Now = SqliteTime.Format(time.GetUtcNow()),
    };

    private Site? FromRow(SiteRow row)
    {
        var definition = new SiteDefinition
        {
            Id = row.Id,
            Name = row.Name,
            TimeZone = row.TimeZone,
            OpeningHours = JsonSerializer.Deserialize<Dictionary<string, string?>>(row.OpeningHours),
        };
        if (definition.TryToSite(out var site, out var errors))
            return site;
        // A row can turn invalid without anyone editing it (a time zone dropped from the OS's
        // tz database); keep serving the other sites and say which one is missing.
        logger.LogError("Site {SiteId} in the app-state database is invalid and is ignored: {Errors}",
            row.Id, string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return null;
    }

    private sealed class SiteRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string TimeZone { get; set; } = "";
        public string OpeningHours { get; set; } = "{}";
    }

    private sealed class Snapshot(Site[] sites)
    {
        public static readonly Snapshot Empty = new([]);

        public FrozenDictionary<string, Site> ById { get; } = sites.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);

        public IReadOnlyList<Site> All { get; } = Array.AsReadOnly(sites);
    }
}
