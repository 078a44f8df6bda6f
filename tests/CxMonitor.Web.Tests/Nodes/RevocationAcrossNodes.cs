using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Tests.Ingest;
using Xunit.Abstractions;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>A key, a wall screen's display token or a terminal revoked through node A stops working on node
/// B at once, though B validated it a moment before and trusts a validation for 10 s, and B
/// closes the live connections it let in (a person's too, once signed out through A), though its
/// own sweep would come only 10 s later: the revocation reaches B through Redis.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RevocationAcrossNodes(ClusterFixture cluster, ITestOutputHelper output)
{
    /// <summary>The promise (README): a revocation through one node holds on every node within a second.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_key_a_display_token_a_terminal_and_a_session_revoked_on_one_node_are_refused_and_their_connections_closed_on_the_other_within_a_second()
    {
        await using var nodes = await TwoNodesAsync("revoke");
        var (a, b) = (nodes.A, nodes.B);
        using var adminA = await a.AdminClientAsync();

        // A key that B has just validated (so it is in B's cache), with a wall connection on B.
        var key = await a.CliAsync("keys", "create", "--source", "revoke-test", "--sites", "*");
        using var terminalB = new HttpClient { BaseAddress = b.Url };
        terminalB.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.Accepted, await RateAsync(terminalB, 0));
        await using var keyWall = LiveClientProcess.Start(b.Url, key, "all");
        keyWall.NextOf(TimeSpan.FromSeconds(15), "welcome");

        var keyId = key.Split('_')[1];
        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.NoContent, (await adminA.DeleteAsync($"api/v1/keys/{keyId}")).StatusCode);
        var refused = await UntilAsync(async i => await RateAsync(terminalB, i + 1) == HttpStatusCode.Unauthorized);
        output.WriteLine($"key revoked on A: refused on B after {refused.TotalMilliseconds:N0} ms");
        Assert.True(refused < Bound, $"node B still took the revoked key {refused.TotalMilliseconds:N0} ms after its revocation on A");
        keyWall.NextOf(Remaining(clock), "closed", "reconnecting");
        output.WriteLine($"key's live connection on B closed after {clock.Elapsed.TotalMilliseconds:N0} ms");

        // A wall screen's display token, paired and trusted on B, with its live connection on B.
        var display = await (await adminA.PostAsJsonAsync("api/v1/displays", new { name = "Checkout TV", board = "main" })).Content.ReadFromJsonAsync<JsonElement>();
        var token = display.GetProperty("token").GetString()!;
        using var screenB = new HttpClient { BaseAddress = b.Url };
        screenB.DefaultRequestHeaders.Add("Cookie", $"cx_display={token}");
        Assert.Equal(HttpStatusCode.OK, (await screenB.GetAsync("api/v1/walls/main")).StatusCode);
        await using var screenWall = LiveClientProcess.StartWithCookie(b.Url, $"cx_display={token}", "all");
        screenWall.NextOf(TimeSpan.FromSeconds(15), "welcome");

        clock.Restart();
        var id = display.GetProperty("display").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await adminA.DeleteAsync($"api/v1/displays/{id}")).StatusCode);
        refused = await UntilAsync(async _ => (await screenB.GetAsync("api/v1/walls/main")).StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
        output.WriteLine($"display token revoked on A: refused on B after {refused.TotalMilliseconds:N0} ms");
        Assert.True(refused < Bound, $"node B still took the revoked display token {refused.TotalMilliseconds:N0} ms after its revocation on A");
        screenWall.NextOf(Remaining(clock), "closed", "reconnecting");
        output.WriteLine($"screen's live connection on B closed after {clock.Elapsed.TotalMilliseconds:N0} ms");

        // A terminal tablet, paired and trusted on B.
        var (tablet, terminalId) = await PairedTabletAsync(adminA, b);
        using var tabletB = tablet;
        clock.Restart();
        Assert.Equal(HttpStatusCode.NoContent, (await adminA.DeleteAsync($"api/v1/terminals/{terminalId}")).StatusCode);
        refused = await UntilAsync(async _ => (await tabletB.GetAsync("api/v1/terminal")).StatusCode == HttpStatusCode.Unauthorized);
        output.WriteLine($"terminal revoked on A: refused on B after {refused.TotalMilliseconds:N0} ms");
        Assert.True(refused < Bound, $"node B still took the revoked terminal {refused.TotalMilliseconds:N0} ms after its revocation on A");

        // A person's session (sessions are never cached): signed out through A, its live connection on B closes.
        var (manager, cookies) = await a.PersonClientAsync("Manager");
        using var _ = manager;
        await using var personWall = LiveClientProcess.StartWithCookie(b.Url, cookies.GetCookieHeader(a.Url), "all");
        personWall.NextOf(TimeSpan.FromSeconds(15), "welcome");
        clock.Restart();
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync("api/v1/session")).StatusCode);
        personWall.NextOf(Remaining(clock), "closed", "reconnecting");
        output.WriteLine($"person signed out on A: live connection on B closed after {clock.Elapsed.TotalMilliseconds:N0} ms");
    }

    [Fact]
    public async Task A_key_a_terminal_and_a_person_revoked_by_the_cli_are_refused_and_their_connections_closed_on_every_node_within_a_second()
    {
        await using var nodes = await TwoNodesAsync("clirevoke");
        var (a, b) = (nodes.A, nodes.B);
        using var adminA = await a.AdminClientAsync();

        // A key both nodes have just validated, with a wall connection on B.
        var key = await a.CliAsync("keys", "create", "--source", "cli-revoke-test", "--sites", "*");
        using var terminalA = new HttpClient { BaseAddress = a.Url };
        using var terminalB = new HttpClient { BaseAddress = b.Url };
        foreach (var node in new[] { terminalA, terminalB })
        {
            node.DefaultRequestHeaders.Add("X-Api-Key", key);
            Assert.Equal(HttpStatusCode.Accepted, await RateAsync(node, 0));
        }
        await using var keyWall = LiveClientProcess.Start(b.Url, key, "all");
        keyWall.NextOf(TimeSpan.FromSeconds(15), "welcome");

        var printed = await a.CliOutputAsync("keys", "revoke", key.Split('_')[1]);
        var clock = Stopwatch.StartNew();
        Assert.Contains("Told 2 running node(s) through Redis", printed);
        foreach (var (node, name) in new[] { (terminalA, "A"), (terminalB, "B") })
        {
            var refused = await UntilAsync(async i => await RateAsync(node, i + 1) == HttpStatusCode.Unauthorized);
            output.WriteLine($"key revoked by the CLI: refused on {name} after {refused.TotalMilliseconds:N0} ms");
            Assert.True(refused < Bound, $"node {name} still took the key {refused.TotalMilliseconds:N0} ms after the CLI revoked it");
        }
        keyWall.NextOf(Remaining(clock), "closed", "reconnecting");

        // A terminal tablet paired and trusted on B.
        var (tablet, terminalId) = await PairedTabletAsync(adminA, b);
        using var tabletB = tablet;
        Assert.Contains("through Redis", await a.CliOutputAsync("terminals", "revoke", terminalId));
        var tabletRefused = await UntilAsync(async _ => (await tabletB.GetAsync("api/v1/terminal")).StatusCode == HttpStatusCode.Unauthorized);
        output.WriteLine($"terminal revoked by the CLI: refused on B after {tabletRefused.TotalMilliseconds:N0} ms");
        Assert.True(tabletRefused < Bound, $"node B still took the terminal {tabletRefused.TotalMilliseconds:N0} ms after the CLI revoked it");

        // A person disabled by the CLI: their live connection on B closes.
        var (manager, cookies) = await a.PersonClientAsync("Manager");
        using var _ = manager;
        await using var personWall = LiveClientProcess.StartWithCookie(b.Url, cookies.GetCookieHeader(a.Url), "all");
        personWall.NextOf(TimeSpan.FromSeconds(15), "welcome");
        var userName = (await manager.GetFromJsonAsync<JsonElement>("api/v1/session")).GetProperty("userName").GetString()!;
        Assert.Contains("through Redis", await a.CliOutputAsync("users", "disable", userName));
        clock.Restart();
        personWall.NextOf(Remaining(clock), "closed", "reconnecting");
        output.WriteLine($"person disabled by the CLI: live connection on B closed after {clock.Elapsed.TotalMilliseconds:N0} ms");
    }

    private sealed record Nodes(AppProcess A, AppProcess B) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
        }
    }

    /// <summary>Two nodes on one app-state database, Redis and InfluxDB.</summary>
    private async Task<Nodes> TwoNodesAsync(string name)
    {
        var settings = cluster.NodeSettings(await cluster.Postgres.CreateDatabaseAsync(name));
        // The fallbacks are slow here, so only the message through Redis can keep the promise.
        settings["Access__KeyCacheTtl"] = "00:00:10";
        settings["Live__RevocationCheckInterval"] = "00:00:10";
        var influx = name + "_" + Guid.NewGuid().ToString("N")[..8];
        var a = await AppProcess.StartAsync(cluster.Influxd.Url, influx, settings);
        try
        {
            return new Nodes(a, await AppProcess.StartAsync(cluster.Influxd.Url, influx, settings));
        }
        catch
        {
            await a.DisposeAsync();
            throw;
        }
    }

    /// <summary>A terminal created through <paramref name="admin"/>, paired and trusted on <paramref name="node"/>.</summary>
    private static async Task<(HttpClient Tablet, string Id)> PairedTabletAsync(HttpClient admin, AppProcess node)
    {
        var created = await (await admin.PostAsJsonAsync("api/v1/terminals", new { name = "Checkout tablet", site = "berlin-alexanderplatz", touchpoint = "checkout" })).Content.ReadFromJsonAsync<JsonElement>();
        var tablet = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = node.Url };
        Assert.Equal(HttpStatusCode.Redirect, (await tablet.GetAsync(created.GetProperty("pairUrl").GetString()!.TrimStart('/'))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tablet.GetAsync("api/v1/terminal")).StatusCode);
        return (tablet, created.GetProperty("terminal").GetProperty("id").GetString()!);
    }

    /// <summary>What is left of the bound since the revocation (and a little for the client to print).</summary>
    private static TimeSpan Remaining(Stopwatch sinceRevocation) =>
        TimeSpan.FromMilliseconds(Math.Max(50, (Bound - sinceRevocation.Elapsed).TotalMilliseconds + 200));

    private static async Task<HttpStatusCode> RateAsync(HttpClient node, int i)
    {
        var json = $$"""{"id":"rv-{{i}}","scale":"csat5","score":4,"site":"berlin-alexanderplatz"}""";
        using var response = await node.PostAsync("api/v1/ratings", IngestApp.Json(json));
        return response.StatusCode;
    }

    /// <summary>Asks until the answer is a refusal; how long that took (at most 15 s).</summary>
    private static async Task<TimeSpan> UntilAsync(Func<int, Task<bool>> refused)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(15); i++)
        {
            if (await refused(i))
                return clock.Elapsed;
            await Task.Delay(20);
        }
        return clock.Elapsed;
    }
}
