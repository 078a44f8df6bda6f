using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using System.Data.Common;

namespace CxMonitor.Web.Data;

/// <summary>One numbered SQL script, embedded as <c>Data/Migrations/NNNN_name.sql</c>, with the
/// engines' own versions of it (<c>Data/Migrations/PostgreSql/NNNN_name.sql</c>) where the shared
/// text uses what only SQLite has (AUTOINCREMENT, WITHOUT ROWID, COLLATE NOCASE).</summary>
public sealed record AppStateMigration(int Version, string Name, string Sql)
{
    /// <summary>Override texts by engine folder (e.g. "PostgreSql").</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();

    /// <summary>The text this engine runs: its override, else the shared text in its type words.</summary>
    public string SqlFor(AppStateDialect dialect) =>
        dialect.MigrationFolder is { } folder && Overrides.TryGetValue(folder, out var own) ? own : dialect.PortableSql(Sql);
}

/// <summary>Applies the embedded migrations in order, each in its own transaction and recorded in
/// <c>schema_version</c>. A feature adds a table by dropping the next numbered file into
/// <c>Data/Migrations/</c>; the csproj embeds every file there. A new file is written in SQL both
/// engines run (TEXT, INTEGER, REAL, BLOB; no AUTOINCREMENT, no SQLite-only functions); an engine
/// folder holds a file of the same number only where that is impossible.</summary>
public sealed partial class AppStateMigrations
{
    private const string ResourcePrefix = "Data/Migrations/";

    public AppStateMigrations()
        : this(LoadEmbedded(typeof(AppStateMigrations).Assembly))
    {
    }

    // Internal: DI would pick a public constructor taking IEnumerable<T> and pass it an empty list.
    internal AppStateMigrations(IEnumerable<AppStateMigration> migrations)
    {
        All = migrations.OrderBy(m => m.Version).ToArray();
        var duplicate = All.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException(
                $"Two app-state migrations share number {duplicate.Key:D4}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
    }

    public IReadOnlyList<AppStateMigration> All { get; }

    public async Task<int> ApplyAsync(DbConnection connection, AppStateDialect dialect, CancellationToken cancellationToken)
    {
        await using var migrationLock = await dialect.LockMigrationsAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(dialect.PortableSql(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL)"),
            cancellationToken: cancellationToken));
        var done = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT version FROM schema_version", cancellationToken: cancellationToken))).ToHashSet();
        var applied = 0;
        foreach (var migration in All.Where(m => !done.Contains(m.Version)))
        {
            if (await ApplyOneAsync(connection, dialect, migration, cancellationToken))
                applied++;
        }
        return applied;
    }

    private static async Task<bool> ApplyOneAsync(DbConnection connection, AppStateDialect dialect, AppStateMigration migration, CancellationToken ct)
    {
        // On SQLite, BEGIN IMMEDIATE (the default there) takes the write lock first, so when the web
        // host and the CLI start together one waits and then sees the other's schema_version row;
        // on PostgreSQL the migration lock taken above does that across nodes.
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var alreadyApplied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM schema_version WHERE version = @Version", new { migration.Version }, transaction, cancellationToken: ct));
        if (alreadyApplied > 0)
            return false;
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.SqlFor(dialect), transaction: transaction, cancellationToken: ct));
        }
        catch (DbException ex)
        {
            throw new InvalidOperationException($"App-state migration {migration.Version:D4}_{migration.Name} failed: {ex.Message}", ex);
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
            new { migration.Version, migration.Name, AppliedAt = SqliteTime.Format(DateTimeOffset.UtcNow) },
            transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return true;
    }

    private static IEnumerable<AppStateMigration> LoadEmbedded(Assembly assembly)
    {
        var shared = new List<AppStateMigration>();
        var overrides = new List<(string Folder, int Version, string Name, string Sql)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var match = FileName().Match(resource[ResourcePrefix.Length..]);
            if (!match.Success)
                throw new InvalidOperationException($"App-state migration '{resource}' must be named NNNN_name.sql (four digits, lower-case name), or EngineFolder/NNNN_name.sql.");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var version = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            if (match.Groups[1].Success)
                overrides.Add((match.Groups[1].Value, version, match.Groups[3].Value, reader.ReadToEnd()));
            else
                shared.Add(new AppStateMigration(version, match.Groups[3].Value, reader.ReadToEnd()));
        }
        foreach (var o in overrides)
        {
            // An override without its shared file would leave the other engine a schema short.
            if (!shared.Any(m => m.Version == o.Version && m.Name == o.Name))
                throw new InvalidOperationException($"App-state migration {o.Folder}/{o.Version:D4}_{o.Name}.sql overrides no shared {o.Version:D4}_{o.Name}.sql.");
        }
        return shared.Select(m => m with
        {
            Overrides = overrides.Where(o => o.Version == m.Version).ToDictionary(o => o.Folder, o => o.Sql),
        });
    }

    [GeneratedRegex(@"^(?:([A-Za-z]+)/)?(\d{4})_([a-z0-9_]+)\.sql\z")]
    private static partial Regex FileName();
}
