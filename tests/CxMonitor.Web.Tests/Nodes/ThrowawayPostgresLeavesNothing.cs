using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>The tests' throwaway PostgreSQL, killed as a crash would be, takes every process it
/// forked with it (one was once left stopped after each run, holding its folder), starts again
/// on the same data, and leaves no process and no folder behind once disposed.</summary>
public sealed class ThrowawayPostgresLeavesNothing
{
    [Fact]
    public async Task A_killed_cluster_leaves_no_process_starts_again_and_a_disposed_one_leaves_no_folder()
    {
        var cluster = await PostgresCluster.StartAsync();
        List<int> restarted;
        try
        {
            var database = await cluster.CreateDatabaseAsync("tree");
            Assert.Equal("1", await cluster.QueryAsync(PostgresDatabase(database), "SELECT 1"));
            var tree = Tree(cluster.Pid!.Value);
            Assert.True(tree.Count >= 4, $"expected the postmaster and its workers, found {tree.Count} processes");

            await cluster.StopAsync(kill: true);
            Assert.DoesNotContain(tree, ProcessTree.Running);

            // A worker still attached to the old shared memory would make this start fail.
            await cluster.RestartAsync();
            Assert.Equal("1", await cluster.QueryAsync(PostgresDatabase(database), "SELECT 1"));
            restarted = Tree(cluster.Pid!.Value);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
        Assert.DoesNotContain(restarted, ProcessTree.Running);
        Assert.False(Directory.Exists(cluster.Folder), $"{cluster.Folder} is left behind");
    }

    private static string PostgresDatabase(string connectionString) => new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;

    private static List<int> Tree(int pid) => [pid, .. ProcessTree.ChildrenOf(pid).SelectMany(Tree)];
}
