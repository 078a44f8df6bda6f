using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CxMonitor.Web.Data;

/// <summary>One numbered SQL script, embedded as <c>Data/Migrations/NNNN_name.sql</c>.</summary>
public sealed record AppStateMigration(int Version, string Name, string Sql);

/// <summary>Applies the embedded migrations in order, each in its own transaction and recorded in
/// <c>schema_version</c>. A feature adds a table by dropping the next numbered file into
/// <c>Data/Migrations/</c>; the csproj embeds every file there.</summary>
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

    public async Task<int> ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            cancellationToken: cancellationToken));
        var done = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT version FROM schema_version", cancellationToken: cancellationToken))).ToHashSet();
        var applied = 0;
        foreach (var migration in All.Where(m => !done.Contains(m.Version)))
        {
            if (await ApplyOneAsync(connection, migration, cancellationToken))
                applied++;
        }
        return applied;
    }

    private static async Task<bool> ApplyOneAsync(SqliteConnection connection, AppStateMigration migration, CancellationToken ct)
    {
        // BEGIN IMMEDIATE (the default here) takes the write lock first, so when the web host and
        // the CLI start together one waits and then sees the other's schema_version row.
        await using var transaction = connection.BeginTransaction();
        var alreadyApplied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM schema_version WHERE version = @Version", new { migration.Version }, transaction, cancellationToken: ct));
        if (alreadyApplied > 0)
            return false;
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: ct));
        }
        catch (SqliteException ex)
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
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var match = FileName().Match(resource[ResourcePrefix.Length..]);
            if (!match.Success)
                throw new InvalidOperationException($"App-state migration '{resource}' must be named NNNN_name.sql (four digits, lower-case name).");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return new AppStateMigration(
                int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd());
        }
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql\z")]
    private static partial Regex FileName();
}
