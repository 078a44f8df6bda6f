using CxMonitor.Testing;

namespace CxMonitor.Web.Tests;

/// <summary>The servers tests start leave nothing behind: a throwaway PostgreSQL killed as a crash
/// would be takes every process it forked with it (one was once left stopped after each run,
/// holding its folder) and starts again on the same data; and a server whose test host is gone
/// without disposing it (a test that failed before its dispose once left an app running) is
/// killed by its watcher.</summary>
public sealed class ThrowawayServersLeaveNothing
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

    [Fact]
    public async Task A_server_is_killed_and_its_folder_removed_once_its_test_host_is_gone_and_left_alone_while_it_lives()
    {
        using var host = System.Diagnostics.Process.Start("sleep", "120")!;
        using var server = System.Diagnostics.Process.Start("sleep", "120")!;
        using var other = System.Diagnostics.Process.Start("sleep", "120")!;
        using var app = System.Diagnostics.Process.Start("sleep", "120")!; // watched without a folder, as app processes are
        var folder = Directory.CreateTempSubdirectory("cxmonitor-watched-").FullName;
        try
        {
            ProcessTree.KillWhenTestHostExits(server.Id, folder, host: host.Id);
            ProcessTree.KillWhenTestHostExits(app.Id, host: host.Id);
            ProcessTree.KillWhenTestHostExits(other.Id); // this test host lives on
            Assert.True(ProcessTree.Running(server.Id));

            host.Kill();
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            await app.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Directory.Exists(folder) && DateTime.UtcNow < deadline)
                await Task.Delay(100);
            Assert.False(Directory.Exists(folder), "the watcher left the server's folder");
            // Its watcher has had as many rounds as the one that killed the server.
            Assert.True(ProcessTree.Running(other.Id), "a server of a living test host was killed");
        }
        finally
        {
            foreach (var p in new[] { host, server, other, app })
            {
                if (!p.HasExited)
                    p.Kill();
            }
            if (Directory.Exists(folder))
                Directory.Delete(folder, true);
        }
    }
}
