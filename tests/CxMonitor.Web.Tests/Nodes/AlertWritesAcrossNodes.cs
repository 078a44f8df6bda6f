using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Alerts;
using CxMonitor.Web.Alerts.Store;
using CxMonitor.Web.Tests.Alerts;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>A person acknowledges on one node while the alert tick escalates on the other, at the
/// same instant, for many alerts at once: each write names the version it decided on, so the tick
/// never puts an acknowledged alert back to firing, and every transition is recorded and notified
/// once. Two nodes on one PostgreSQL database, one clock.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AlertWritesAcrossNodes(ClusterFixture cluster, ITestOutputHelper output)
{
    private const int Sites = 24;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Acknowledges_racing_ticks_on_the_other_node_are_never_undone_and_each_transition_is_recorded_and_notified_once()
    {
        var rules = AlertsApp.RuleFolder();
        await using var receiver = new WebhookReceiver();
        var settings = AlertsApp.Settings(rules, receiver.Url);
        settings["State:Provider"] = "PostgreSql";
        settings["State:ConnectionString"] = await cluster.Postgres.CreateDatabaseAsync("alertrace");
        settings["Jobs:AlertTick:Enabled"] = "false"; // the test ticks, on both nodes at once
        for (var i = 0; i < Sites; i++)
        {
            settings[$"Sites:{i + 2}:Id"] = $"store-{i}";
            settings[$"Sites:{i + 2}:Name"] = $"Store {i}";
            settings[$"Sites:{i + 2}:TimeZone"] = "Europe/Berlin";
            settings[$"Sites:{i + 2}:OpeningHours:Mon"] = "00:00-24:00";
        }
        var influx = "alertrace_" + Guid.NewGuid().ToString("N")[..8];
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = new IngestApp(cluster.Influxd.Url, influx, extra: settings, clock: clock);
        await using var b = new IngestApp(cluster.Influxd.Url, influx, extra: settings, clock: clock);
        var alertsA = a.Services.GetRequiredService<AlertService>();
        var alertsB = b.Services.GetRequiredService<AlertService>();
        var store = a.Services.GetRequiredService<AlertStore>();

        var terminal = await a.ClientWithKeyAsync();
        for (var i = 0; i < Sites; i++)
            (await AlertsApp.PostAsync(terminal, AlertsApp.PoisoningRating($"race-{i}", $"store-{i}"))).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow + Wait;
        IReadOnlyList<AlertRecord> open;
        while ((open = await store.ListAsync("firing", null, null, null, 100, default)).Count < Sites && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Equal(Sites, open.Count);

        // Escalation is due for every one of them: B's tick escalates them one after another while
        // people acknowledge them on A, in the opposite order so the two meet in the middle.
        clock.Advance(TimeSpan.FromMinutes(11));
        var ids = open.Select(r => r.Id).Order().ToArray();
        using var acking = new CancellationTokenSource();
        var ticks = TickUntilAsync(alertsB, acking.Token);
        var outcomes = new List<AlertService.Outcome>();
        foreach (var (id, i) in ids.Reverse().Select((id, i) => (id, i)))
            outcomes.Add(await alertsA.AcknowledgeAsync(id, i % 2 == 0 ? "olena" : "taras", default));
        await acking.CancelAsync();
        output.WriteLine($"ticks on B while acknowledging on A: {await ticks}");
        Assert.All(outcomes, o => Assert.Equal(AlertService.Outcome.Done, o));

        // Ticks after the race change nothing either.
        await alertsA.TickAsync(default);
        await alertsB.TickAsync(default);
        var notices = await NoticesAsync(receiver, ids);
        foreach (var id in ids)
        {
            var alert = (await store.GetAsync(id, default))!;
            var history = await store.HistoryAsync(id, default);
            var actions = history.Select(h => h.Action).ToList();
            Assert.True(alert.State == "acknowledged", $"alert {id} is {alert.State} after its acknowledge: {string.Join(", ", actions)}");
            Assert.NotNull(alert.AcknowledgedBy);
            Assert.Equal(1, actions.Count(x => x == "acknowledged"));
            Assert.Equal(1, actions.Count(x => x == "firing"));
            Assert.True(actions.Count(x => x == "escalation") <= 1, string.Join(", ", actions));
            // An escalation is recorded only before the acknowledge.
            var escalated = actions.IndexOf("escalation");
            Assert.True(escalated < actions.IndexOf("acknowledged"), string.Join(", ", actions));
            var kinds = notices.Where(n => n.AlertId == id).Select(n => n.Kind).Order().ToList();
            Assert.Equal(escalated >= 0 ? ["acknowledged", "escalation", "firing"] : ["acknowledged", "firing"], kinds);
        }
        output.WriteLine($"escalated before their acknowledge: {notices.Count(n => n.Kind == "escalation")} of {Sites}");
        Directory.Delete(rules, recursive: true);
    }

    [Fact]
    public async Task A_matching_rating_on_one_node_joins_the_alert_acknowledged_on_the_other_meanwhile()
    {
        var rules = AlertsApp.RuleFolder();
        var settings = AlertsApp.Settings(rules);
        settings["State:Provider"] = "PostgreSql";
        settings["State:ConnectionString"] = await cluster.Postgres.CreateDatabaseAsync("alertjoin");
        settings["Jobs:AlertTick:Enabled"] = "false"; // so A's memory still has the alert as it fired
        settings["Jobs:RollingSatisfaction:Enabled"] = "false"; // its snapshots too read the alerts as stored
        var influx = "alertjoin_" + Guid.NewGuid().ToString("N")[..8];
        await using var a = new IngestApp(cluster.Influxd.Url, influx, extra: settings);
        await using var b = new IngestApp(cluster.Influxd.Url, influx, extra: settings);
        var store = a.Services.GetRequiredService<AlertStore>();
        var terminal = await a.ClientWithKeyAsync();

        (await AlertsApp.PostAsync(terminal, AlertsApp.PoisoningRating("join-1"))).EnsureSuccessStatusCode();
        var fired = await EventuallyAsync(async () => (await store.ListAsync("firing", null, null, null, 10, default)).SingleOrDefault(), "the poisoning alert");
        Assert.Equal(AlertService.Outcome.Done, await b.Services.GetRequiredService<AlertService>().AcknowledgeAsync(fired.Id, "olena", default));

        // A decides on the alert as it fired; its write names that version and is refused.
        (await AlertsApp.PostAsync(terminal, AlertsApp.PoisoningRating("join-2"))).EnsureSuccessStatusCode();
        var triggers = await EventuallyAsync(async () => await store.TriggersAsync(fired.Id, default) is { Count: 2 } both ? both : null,
            "the second complaint among the alert's items", () => string.Join(", ", store.HistoryAsync(fired.Id, default).Result.Select(h => h.Action)));

        var alert = (await store.GetAsync(fired.Id, default))!;
        var actions = (await store.HistoryAsync(fired.Id, default)).Select(h => h.Action).ToList();
        Assert.Equal("acknowledged", alert.State);
        Assert.Equal("olena", alert.AcknowledgedBy);
        Assert.Equal(["firing", "acknowledged", "another matching item"], actions);
        Assert.Single(await store.ListAsync(null, null, null, null, 10, default));
        Directory.Delete(rules, recursive: true);
    }

    [Fact]
    public async Task Every_complaint_lands_once_on_its_alert_while_the_other_node_acknowledges_them_all()
    {
        const int Stores = 12, More = 3;
        var rules = AlertsApp.RuleFolder();
        var settings = AlertsApp.Settings(rules);
        settings["State:Provider"] = "PostgreSql";
        settings["State:ConnectionString"] = await cluster.Postgres.CreateDatabaseAsync("alertstorm");
        settings["Jobs:AlertTick:Enabled"] = "false";
        settings["Jobs:RollingSatisfaction:Enabled"] = "false";
        for (var i = 0; i < Stores; i++)
        {
            settings[$"Sites:{i + 2}:Id"] = $"store-{i}";
            settings[$"Sites:{i + 2}:Name"] = $"Store {i}";
            settings[$"Sites:{i + 2}:TimeZone"] = "Asia/Kolkata";
            settings[$"Sites:{i + 2}:OpeningHours:Mon"] = "00:00-24:00";
        }
        var influx = "alertstorm_" + Guid.NewGuid().ToString("N")[..8];
        await using var a = new IngestApp(cluster.Influxd.Url, influx, extra: settings);
        await using var b = new IngestApp(cluster.Influxd.Url, influx, extra: settings);
        var store = a.Services.GetRequiredService<AlertStore>();
        var alertsB = b.Services.GetRequiredService<AlertService>();
        var toA = await a.ClientWithKeyAsync();

        for (var i = 0; i < Stores; i++)
            (await AlertsApp.PostAsync(toA, AlertsApp.PoisoningRating($"storm-{i}-0", $"store-{i}"))).EnsureSuccessStatusCode();
        var open = await EventuallyAsync(async () => await store.ListAsync("firing", null, null, null, 100, default) is { Count: Stores } all ? all : null, "an alert per store");

        // B acknowledges every alert while A takes three more complaints for each store, all at once.
        var acknowledging = Task.WhenAll(open.Select(r => alertsB.AcknowledgeAsync(r.Id, "olena", default)));
        await Task.WhenAll(Enumerable.Range(0, Stores).SelectMany(i => Enumerable.Range(1, More).Select(async n =>
            (await AlertsApp.PostAsync(toA, AlertsApp.PoisoningRating($"storm-{i}-{n}", $"store-{i}"))).EnsureSuccessStatusCode())));
        Assert.All(await acknowledging, o => Assert.Equal(AlertService.Outcome.Done, o));

        foreach (var alert in open)
        {
            var site = alert.Site!;
            var items = await EventuallyAsync(async () => await store.TriggersAsync(alert.Id, default) is { Count: >= More + 1 } all ? all : null,
                $"the {More + 1} complaints of {site}", () => string.Join(", ", store.HistoryAsync(alert.Id, default).Result.Select(h => h.Action)));
            Assert.Equal(Enumerable.Range(0, More + 1).Select(n => $"storm-{site[6..]}-{n}"), items.Select(t => t.Item.Id!).Order());
            var actions = (await store.HistoryAsync(alert.Id, default)).Select(h => h.Action).ToList();
            Assert.Equal(1, actions.Count(x => x == "firing"));
            Assert.Equal(1, actions.Count(x => x == "acknowledged"));
            Assert.Equal(More, actions.Count(x => x == "another matching item"));
            Assert.Equal("acknowledged", (await store.GetAsync(alert.Id, default))!.State);
        }
        Assert.Equal(Stores, (await store.ListAsync(null, null, null, null, 100, default)).Count);
        Directory.Delete(rules, recursive: true);
    }

    [Fact]
    public async Task A_moment_the_other_node_opened_first_is_joined_as_one_more_item_not_fired_twice()
    {
        var rules = AlertsApp.RuleFolder();
        await using var receiver = new WebhookReceiver();
        var settings = AlertsApp.Settings(rules, receiver.Url);
        settings["State:Provider"] = "PostgreSql";
        settings["State:ConnectionString"] = await cluster.Postgres.CreateDatabaseAsync("alertfirst");
        settings["Jobs:AlertTick:Enabled"] = "false"; // so B does not learn of A's alert before its own rating
        settings["Jobs:RollingSatisfaction:Enabled"] = "false"; // its snapshots too read the alerts as stored
        var influx = "alertfirst_" + Guid.NewGuid().ToString("N")[..8];
        await using var a = new IngestApp(cluster.Influxd.Url, influx, extra: settings);
        await using var b = new IngestApp(cluster.Influxd.Url, influx, extra: settings);
        var store = a.Services.GetRequiredService<AlertStore>();

        // Both nodes running (and their alerts loaded) before the first rating.
        var toA = await a.ClientWithKeyAsync();
        var toB = await b.ClientWithKeyAsync();
        (await AlertsApp.PostAsync(toA, AlertsApp.PoisoningRating("first-a"))).EnsureSuccessStatusCode();
        var fired = await EventuallyAsync(async () => (await store.ListAsync("firing", null, null, null, 10, default)).SingleOrDefault(), "A's alert");
        // B has no alert of this rule and scope in memory: it decides to open one.
        (await AlertsApp.PostAsync(toB, AlertsApp.PoisoningRating("first-b"))).EnsureSuccessStatusCode();
        await EventuallyAsync(async () => await store.TriggersAsync(fired.Id, default) is { Count: 2 } both ? both : null,
            "B's complaint among the alert's items", () => string.Join(", ", store.HistoryAsync(fired.Id, default).Result.Select(h => h.Action)));

        Assert.Equal(["firing", "another matching item"], (await store.HistoryAsync(fired.Id, default)).Select(h => h.Action));
        Assert.Single(await store.ListAsync(null, null, null, null, 10, default));
        await receiver.WaitForAcceptedAsync(Wait, r => r.Text.Contains("\"firing\"", StringComparison.Ordinal));
        Assert.Single(receiver.Accepted);
        Directory.Delete(rules, recursive: true);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> read, string what, Func<string>? state = null) where T : class
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            if (await read() is { } found)
                return found;
            Assert.True(DateTime.UtcNow < deadline, $"Gave up after {Wait} waiting for {what}. {state?.Invoke()}");
            await Task.Delay(50);
        }
    }

    private static async Task<int> TickUntilAsync(AlertService alerts, CancellationToken stop)
    {
        var ticks = 0;
        while (!stop.IsCancellationRequested)
        {
            await alerts.TickAsync(default);
            ticks++;
        }
        return ticks;
    }

    /// <summary>Every notice the webhook took, once the outbox has been quiet for two seconds.</summary>
    private static async Task<List<(long AlertId, string Kind)>> NoticesAsync(WebhookReceiver receiver, long[] ids)
    {
        var deadline = DateTime.UtcNow + Wait;
        List<(long AlertId, string Kind)> notices;
        var count = -1;
        while (true)
        {
            notices = [.. receiver.Accepted.SelectMany(r => JsonDocument.Parse(r.Text).RootElement.GetProperty("notices").EnumerateArray()
                .Select(n => (n.GetProperty("alertId").GetInt64(), n.GetProperty("kind").GetString()!)))];
            var acknowledged = notices.Count(n => n.Kind == "acknowledged");
            if (acknowledged >= ids.Length && notices.Count == count || DateTime.UtcNow > deadline)
                return notices;
            count = notices.Count;
            await Task.Delay(2000);
        }
    }
}
