namespace CxMonitor.Testing;

/// <summary>Settings (environment form) of a node of one cluster, for tests that start several
/// <see cref="AppProcess"/> nodes: app state and Hangfire's jobs on one PostgreSQL database (jobs
/// in their own schema), live updates and the key ring through one Redis.</summary>
public static class ClusterNodeSettings
{
    public static Dictionary<string, string> For(string stateConnectionString, string redisConnectionString) => new()
    {
        ["State__Provider"] = "PostgreSql",
        ["State__ConnectionString"] = stateConnectionString,
        ["Jobs__Storage"] = "PostgreSql",
        ["Jobs__ConnectionString"] = stateConnectionString,
        ["Live__Redis"] = redisConnectionString,
        ["Access__KeyCacheTtl"] = "00:00:01",
    };
}
