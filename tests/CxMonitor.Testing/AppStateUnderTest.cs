using System.Collections.Concurrent;

namespace CxMonitor.Testing;

/// <summary>Which engine the app-state tests run on: SQLite (the default) or, with
/// <c>CXMONITOR_TEST_STATE=PostgreSql</c>, a throwaway PostgreSQL cluster started once per test
/// run with one database per app-state folder, so the same tests check both engines (test.sh
/// runs the app-state tests a second time that way). A test that restarts the app on the same
/// folder finds the same database.</summary>
public static class AppStateUnderTest
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> s_databases = new();
    private static readonly Lazy<PostgresCluster> s_cluster = new(StartCluster, LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool OnPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CXMONITOR_TEST_STATE"), "PostgreSql", StringComparison.OrdinalIgnoreCase);

    /// <summary>The settings that put the app's state for <paramref name="stateDirectory"/> on the engine under test.</summary>
    public static IEnumerable<(string Key, string Value)> Settings(string stateDirectory)
    {
        if (!OnPostgres)
            yield break;
        var connectionString = s_databases.GetOrAdd(Path.GetFullPath(stateDirectory),
            _ => new Lazy<string>(() => s_cluster.Value.CreateDatabaseAsync().GetAwaiter().GetResult())).Value;
        yield return ("State:Provider", "PostgreSql");
        yield return ("State:ConnectionString", connectionString);
    }

    private static PostgresCluster StartCluster()
    {
        var cluster = PostgresCluster.StartAsync().GetAwaiter().GetResult();
        // Stopped by its PID when the test run ends.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return cluster;
    }
}
