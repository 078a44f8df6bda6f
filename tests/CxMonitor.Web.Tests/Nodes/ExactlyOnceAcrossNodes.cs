using System.Net;
using System.Text.Json;
using CxMonitor.Core.Alerts;
using CxMonitor.Web.Alerts.Store;
using CxMonitor.Web.Data;
using CxMonitor.Web.Tests.Ingest;
using Dapper;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>Two nodes on one PostgreSQL database: what SQLite's single writer gave one node,
/// the database's constraints and locks give the cluster.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ExactlyOnceAcrossNodes(PostgresClusterFixture postgres)
{
    [Fact]
    public async Task Two_nodes_opening_one_rule_and_scope_at_once_open_one_alert()
    {
        var database = await postgres.Cluster.CreateDatabaseAsync();
        using var folder = new TempFolder();
        await using var a = TestApp.WithSites(folder.Sub("a"), PostgresClusterFixture.Node(database));
        await using var b = TestApp.WithSites(folder.Sub("b"), PostgresClusterFixture.Node(database));
        var now = DateTimeOffset.UtcNow;

        // 20 rounds of both nodes opening the same alert at the same moment, each round a new scope.
        for (var round = 0; round < 20; round++)
        {
            var change = new AlertChange(new AlertInstance
            {
                Rule = "poisoning", Scope = $"site:north-{round}", State = AlertState.Firing, Severity = AlertSeverity.Critical, Since = now, FiredAt = now,
            }, AlertNoticeKindsFiring, "matched", []);
            var saves = new[] { a, b }.Select(node => Task.Run(() => node.Get<AlertStore>().SaveAsync(change, null, "cxmonitor", now, CancellationToken.None))).ToArray();
            await Task.WhenAll(saves).ContinueWith(_ => { }, TaskScheduler.Default);
            // One opens it; the other's write is refused as a conflict, and its node decides again
            // from the stored alert (AlertService, RuleEvaluator.Redo): no second "firing".
            Assert.Equal(1, saves.Count(t => t.IsCompletedSuccessfully));
            var refused = saves.Single(t => !t.IsCompletedSuccessfully);
            Assert.IsType<AlertWriteConflict>(refused.Exception?.InnerException);
        }

        await using var c = await a.Get<AppStateDb>().OpenAsync();
        Assert.Equal(20, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM alerts WHERE rule = 'poisoning'"));
        Assert.Equal(20, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM alert_history")); // one "firing" each
    }

    [Fact]
    public async Task A_review_sent_to_two_nodes_at_once_is_added_once_and_a_duplicate_once()
    {
        var database = await postgres.Cluster.CreateDatabaseAsync();
        using var folder = new TempFolder();
        await using var a = TestApp.WithSites(folder.Sub("a"), PostgresClusterFixture.Node(database));
        await using var b = TestApp.WithSites(folder.Sub("b"), PostgresClusterFixture.Node(database));
        var key = await a.CreateKeyAsync(); // a key made on one node opens the other: one table
        using var toA = a.ClientWithKey(key);
        using var toB = b.ClientWithKey(key);

        var added = 0;
        var duplicates = 0;
        for (var round = 0; round < 25; round++)
        {
            var batch = string.Join(",", Enumerable.Range(0, 8).Select(i =>
                $$"""{"platform":"google","externalId":"g-{{round}}-{{i}}","time":"2026-11-20T09:00:00Z","stars":2,"title":"Visit","text":"Slow service","author":"Ann","site":"berlin-alexanderplatz","language":"en"}"""));
            var answers = await Task.WhenAll(
                Task.Run(() => toA.PostAsync("/api/v1/reviews", IngestApp.Json($"[{batch}]"))),
                Task.Run(() => toB.PostAsync("/api/v1/reviews", IngestApp.Json($"[{batch}]"))));
            foreach (var answer in answers)
            {
                Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
                var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
                added += body.GetProperty("accepted").GetInt32();
                duplicates += body.GetProperty("duplicates").GetInt32();
            }
        }

        Assert.Equal(25 * 8, added);
        Assert.Equal(25 * 8, duplicates);
        await using var c = await a.Get<AppStateDb>().OpenAsync();
        Assert.Equal(25 * 8, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM review_index"));
    }

    private const string AlertNoticeKindsFiring = "firing";
}
