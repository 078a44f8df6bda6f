using System.Data.Common;

namespace CxMonitor.Web.Data;

/// <summary>What differs between the app-state engines, kept to connections and the few SQL
/// fragments that have no portable spelling. Everything else is one SQL text for both: stores
/// write ANSI-ish SQL (ON CONFLICT, RETURNING, CASE, COALESCE, IS DISTINCT FROM) and keep
/// instants as <see cref="SqliteTime"/> text, which orders the same on both.</summary>
public abstract class AppStateDialect
{
    /// <summary>Names the folder of this engine's migration overrides (<c>Data/Migrations/{name}/</c>);
    /// null: the shared files run as they are.</summary>
    public abstract string? MigrationFolder { get; }

    public abstract Task<DbConnection> OpenConnectionAsync(CancellationToken ct);

    /// <summary>A table source over the elements of the JSON array in <paramref name="parameter"/>,
    /// one row each in a column <c>value</c> (read fields with <c>value ->> n</c>).</summary>
    public abstract string JsonRows(string parameter);

    /// <summary>A table source over the strings of the JSON array in <paramref name="parameter"/>, column <c>value</c>.</summary>
    public abstract string JsonTexts(string parameter);

    /// <summary>Minutes from one instant column to another, as a double.</summary>
    public abstract string MinutesBetween(string from, string to);

    /// <summary>Appended to a SELECT that claims rows in a transaction: empty where one writer at a
    /// time is all there is (SQLite), <c>FOR UPDATE SKIP LOCKED</c> where nodes compete.</summary>
    public abstract string SkipLocked { get; }

    /// <summary>Whether several processes may write at once, so that claims need row locks held
    /// in a transaction (SQLite has one writer at a time and must not hold it while sending).</summary>
    public abstract bool ConcurrentWriters { get; }

    /// <summary>Serialises the transaction against others of the same <paramref name="key"/> until
    /// it ends, for read-then-write steps whose rows may not exist yet (a row lock cannot hold
    /// a row that is not there). SQLite's write transaction is that lock already.</summary>
    public abstract Task LockForTransactionAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken ct);

    /// <summary>A read-only transaction whose reads all see the database at one moment, for
    /// answers put together from several queries (an alert with its history).</summary>
    public abstract Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct);

    /// <summary>Held while migrations run, so that nodes starting together migrate once.</summary>
    public abstract Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken ct);

    /// <summary>A shared (portable) migration as this engine runs it.</summary>
    public virtual string PortableSql(string sql) => sql;
}

/// <summary>Keys of <see cref="AppStateDialect.LockForTransactionAsync"/>: one owner per number.</summary>
public static class AppStateLocks
{
    public const long ReviewIndex = 17_001;
    public const long Migrations = 17_000;
}
