using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using CxMonitor.Web.Notify;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>Two nodes on one PostgreSQL database both run the notification dispatcher: each
/// notice reaches the webhook once, the rows claimed with FOR UPDATE SKIP LOCKED.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OutboxAcrossNodes(PostgresClusterFixture postgres) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task Every_notice_reaches_the_webhook_once_while_two_nodes_dispatch()
    {
        await using var receiver = new WebhookReceiver();
        var database = await postgres.Cluster.CreateDatabaseAsync();
        using var folder = new TempFolder();
        (string, string?)[] hook =
        [
            ("Notify:GroupingWindow", "00:00:00"),
            ("Notify:Routes:default:Channels:0", "hook"),
            ("Notify:Channels:hook:Type", "webhook"),
            ("Notify:Channels:hook:Url", receiver.Url.ToString()),
            ("Notify:Channels:hook:Secret", "a-webhook-secret-for-tests"),
        ];
        await using var a = TestApp.WithSites(folder.Sub("a"), PostgresClusterFixture.Node(database, hook));
        await using var b = TestApp.WithSites(folder.Sub("b"), PostgresClusterFixture.Node(database, hook));
        _ = a.Server;
        _ = b.Server;

        // Half the notices are taken by each node; both dispatchers see all of them in the outbox.
        const int Count = 120;
        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(1, Count).Select(i => (i % 2 == 0 ? a : b).Get<NotifyOutbox>().NotifyAsync(new AlertNotice(
            i, 1, AlertNoticeKinds.Firing, "poisoning", "critical", $"site:site-{i % 7}", $"site-{i % 7}",
            new Dictionary<string, string>(), $"Notice {i}", "", null, now, null), CancellationToken.None).AsTask()));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Received(receiver).Count < Count && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        // A second copy could only come from a row still pending: wait until the outbox has none.
        var db = a.Services.GetRequiredService<AppStateDb>();
        while (await PendingAsync(db) > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal(0, await PendingAsync(db));

        var received = Received(receiver);
        Assert.True(received.Count == Count, $"{received.Count} notices received for {Count}; sent twice: "
            + string.Join(", ", received.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key)));
        Assert.Equal(Enumerable.Range(1, Count).Select(i => (long)i), received.Order());
    }

    private static async Task<long> PendingAsync(AppStateDb db)
    {
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notify_outbox WHERE status = 'pending'");
    }

    private static List<long> Received(WebhookReceiver receiver) => receiver.Accepted
        .SelectMany(r => JsonDocument.Parse(r.Text).RootElement.GetProperty("notices").EnumerateArray())
        .Select(n => n.GetProperty("alertId").GetInt64()).ToList();
}
