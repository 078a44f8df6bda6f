using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>One throwaway PostgreSQL cluster for the tests of several nodes sharing app state;
/// each test takes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "PostgreSQL";
}

public sealed class PostgresClusterFixture : IAsyncLifetime
{
    public PostgresCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await PostgresCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Settings of one node on the shared database <paramref name="connectionString"/>.</summary>
    public static (string Key, string? Value)[] Node(string connectionString, params (string Key, string? Value)[] more) =>
        [("State:Provider", "PostgreSql"), ("State:ConnectionString", connectionString), .. more];
}
