using System.ComponentModel.DataAnnotations;

namespace CxMonitor.Web.Data;

/// <summary>Which engine keeps app state.</summary>
public enum AppStateProvider
{
    /// <summary>The embedded default: <c>{State:Directory}/cxmonitor.db</c>, one node.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by several nodes (<c>State:ConnectionString</c>).</summary>
    PostgreSql,
}

/// <summary>Where CxMonitor keeps its own state (sites, API keys, alerts, …). Bound from the
/// <c>State</c> section (environment: <c>State__Directory</c>, <c>State__Provider</c>,
/// <c>State__ConnectionString</c>).</summary>
public sealed class AppStateOptions
{
    public const string Section = "State";

    public const string FileName = "cxmonitor.db";

    /// <summary>This node's own folder (the spool, the folder lock and, on SQLite, the database),
    /// created when missing; relative paths are under the content root, and an empty value means
    /// <c>data/</c> there. Every node has its own, also when app state is on PostgreSQL.</summary>
    public string Directory { get; set; } = "";

    public AppStateProvider Provider { get; set; } = AppStateProvider.Sqlite;

    /// <summary>The Npgsql connection string when <see cref="Provider"/> is PostgreSql; a secret
    /// (it may hold a password): never logged.</summary>
    [DataType(DataType.Password)]
    public string? ConnectionString { get; set; }

    public string DatabasePath => Path.Combine(Directory, FileName);

    /// <summary>Where the state lives, for logs: the SQLite path, or PostgreSQL's host and database
    /// (never the password).</summary>
    public string Describe()
    {
        if (Provider == AppStateProvider.Sqlite)
            return DatabasePath;
        var postgres = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {postgres.Host}:{postgres.Port}/{postgres.Database}";
    }
}
