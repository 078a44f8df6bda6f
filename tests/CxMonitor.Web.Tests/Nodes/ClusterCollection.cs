using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>What several nodes share, from Debian packages on free ports: PostgreSQL (app
/// state), Redis (live updates, data-protection keys) and influxd. Each test takes its own
/// databases; the app nodes are real processes (build Release first).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}

public sealed class ClusterFixture : IAsyncLifetime
{
    public PostgresCluster Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public InfluxdServer Influxd { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var parts = (Postgres: PostgresCluster.StartAsync(), Redis: RedisServer.StartAsync(), Influxd: InfluxdServer.StartAsync());
        Postgres = await parts.Postgres;
        Redis = await parts.Redis;
        Influxd = await parts.Influxd;
    }

    public async Task DisposeAsync()
    {
        await Postgres.DisposeAsync();
        await Redis.DisposeAsync();
        await Influxd.DisposeAsync();
    }

    /// <summary>Settings (environment form) of a node of one cluster on this PostgreSQL database and this Redis.</summary>
    public Dictionary<string, string> NodeSettings(string stateConnectionString) => ClusterNodeSettings.For(stateConnectionString, Redis.ConnectionString);
}
