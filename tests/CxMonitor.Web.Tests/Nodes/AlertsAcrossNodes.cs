using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Alerts;
using CxMonitor.Web.Tests.Alerts;
using CxMonitor.Web.Tests.Ingest;
using CxMonitor.Web.Tests.People;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>The alert tick runs on whichever node is free (Hangfire on PostgreSQL), and people act
/// on whichever node nginx sends them to: each must start from the alerts as stored, not from
/// what its own memory saw. Two nodes on one database, one clock, ticks called by hand.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AlertsAcrossNodes(ClusterFixture cluster)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_critical_opened_on_one_node_escalates_is_acknowledged_and_resolved_on_the_other_with_one_notice_each()
    {
        var rules = AlertsApp.RuleFolder();
        var state = await cluster.Postgres.CreateDatabaseAsync("alerts");
        var influx = "alerts_" + Guid.NewGuid().ToString("N")[..8];
        await using var receiver = new WebhookReceiver();
        var settings = AlertsApp.Settings(rules, receiver.Url);
        settings["State:Provider"] = "PostgreSql";
        settings["State:ConnectionString"] = state;
        settings["Jobs:AlertTick:Enabled"] = "false"; // ticks only when the test says, on the node it says
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = new IngestApp(cluster.Influxd.Url, influx, extra: settings, clock: clock);
        await using var b = new IngestApp(cluster.Influxd.Url, influx, extra: settings, clock: clock);
        var tickA = a.Services.GetRequiredService<AlertService>();
        var tickB = b.Services.GetRequiredService<AlertService>();

        // Opened on A by a rating A accepted.
        await AlertsApp.PostAsync(await a.ClientWithKeyAsync(), AlertsApp.PoisoningRating("x-1"));
        await receiver.WaitForAcceptedAsync(Wait, r => Kinds(r).Contains("firing"));

        // Escalation due: the tick runs on B, which never saw the rating; then on A, which must not send it again.
        clock.Advance(TimeSpan.FromMinutes(11));
        await tickB.TickAsync(default);
        await receiver.WaitForAcceptedAsync(Wait, r => Kinds(r).Contains("escalation"));
        await tickA.TickAsync(default);
        await tickB.TickAsync(default);

        // Acknowledged by a person on B, resolved by another on A.
        var dutyB = await PeopleSignIn.AsAsync(b.Services, b.Factory.CreateClient(), UserRoles.Duty, "olena");
        var id = (await dutyB.GetFromJsonAsync<JsonElement>("/api/v1/alerts?state=open"))[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await dutyB.PostAsync($"/api/v1/alerts/{id}/acknowledge", null)).StatusCode);
        await receiver.WaitForAcceptedAsync(Wait, r => Kinds(r).Contains("acknowledged"));
        clock.Advance(TimeSpan.FromMinutes(11));
        await tickA.TickAsync(default); // A's memory still has it firing, escalated: nothing is due
        var dutyA = await PeopleSignIn.AsAsync(a.Services, a.Factory.CreateClient(), UserRoles.Duty, "taras");
        Assert.Equal(HttpStatusCode.NoContent, (await dutyA.PostAsJsonAsync($"/api/v1/alerts/{id}/resolve", new { note = "kitchen checked" })).StatusCode);
        await receiver.WaitForAcceptedAsync(Wait, r => Kinds(r).Contains("resolved"));

        var detail = await dutyA.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{id}");
        Assert.Equal("olena", detail.GetProperty("alert").GetProperty("acknowledgedBy").GetString());
        Assert.Equal("resolved", detail.GetProperty("alert").GetProperty("state").GetString());

        // A day later (past the repeat) both nodes tick: a resolved alert sends no reminder.
        clock.Advance(TimeSpan.FromDays(1));
        await tickB.TickAsync(default);
        await tickA.TickAsync(default);
        // A notice sent twice could only come from an outbox row still pending (both nodes share it).
        await AlertsApp.WaitForNoPendingNoticesAsync(a.Services);

        var kinds = receiver.Accepted.SelectMany(Kinds).Order().ToArray();
        Assert.Equal(["acknowledged", "escalation", "firing", "resolved"], kinds);
        Directory.Delete(rules, recursive: true);
    }

    private static IEnumerable<string> Kinds(WebhookReceiver.Received r) =>
        JsonDocument.Parse(r.Text).RootElement.GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("kind").GetString()!).ToList();
}
