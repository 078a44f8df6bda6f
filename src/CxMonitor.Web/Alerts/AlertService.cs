using System.Threading.Channels;
using CxMonitor.Core.Alerts;
using CxMonitor.Core.Metrics;
using CxMonitor.Web.Alerts.Store;
using CxMonitor.Web.Ingest;
using CxMonitor.Web.Live;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Sites;
using Microsoft.AspNetCore.SignalR;

namespace CxMonitor.Web.Alerts;

/// <summary>Runs the rule evaluator against live inputs: ratings and reviews as they are accepted
/// (event rules within a second), every snapshot run (windowed rules), a periodic tick (silence,
/// escalation, reminders) and people's actions; stores every change, then notifies. One change
/// at a time, in order, so one open alert per rule and scope holds.</summary>
public sealed partial class AlertService(
    AlertRules rules,
    AlertStore store,
    AlertNotices notices,
    IngestEvents ingest,
    SnapshotPublisher snapshots,
    SiteCatalog sites,
    CxMonitor.Web.Metrics.Recent.SharedRecentTotals shared,
    IHubContext<DashboardHub, IDashboardClient> hub,
    LiveSequence sequence,
    Microsoft.Extensions.Options.IOptions<AlertsOptions> options,
    TimeProvider clock,
    ILogger<AlertService> logger) : BackgroundService
{
    public const string System = "cxmonitor";

    private readonly RuleEvaluator _evaluator = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<IReadOnlyList<AlertEvent>> _events = Channel.CreateUnbounded<IReadOnlyList<AlertEvent>>(new UnboundedChannelOptions { SingleReader = true });

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _evaluator.MaxEventAge = options.Value.EventMaxAge;
        rules.Changed += set => _evaluator.SetRules(set.Rules);
        rules.Reload();
        rules.Watch();
        _evaluator.Load(await store.LoadLiveAsync(clock.GetUtcNow(), cancellationToken));
        ingest.RatingsAccepted += r => Post(r, AlertEvents.Of);
        ingest.ReviewsAccepted += r => Post(r, AlertEvents.Of);
        // Other nodes' items for burst and review-spike counts (decision 0027): whichever node
        // counts the Nth fires; the store keeps it one alert with one notice (decision 0025).
        shared.CountedReceived += items => Post(items, e => e, share: false);
        snapshots.Published += OnSnapshotsAsync;
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var first in _events.Reader.ReadAllAsync(stoppingToken))
        {
            // Single-rating requests post one event each: what queued up while the last pass ran
            // is evaluated in one pass, in the order it came (the gate, the clock and the change
            // list once for many requests, issue 19). Bounded so one pass stays short.
            var batch = first;
            if (_events.Reader.TryRead(out var next))
            {
                var merged = new List<AlertEvent>(first);
                do
                    merged.AddRange(next);
                while (merged.Count < MaxEventsPerPass && _events.Reader.TryRead(out next));
                batch = merged;
            }
            await RunAsync(now => _evaluator.Observe(batch, now), stoppingToken);
        }
    }

    public IEnumerable<AlertInstance> OpenAlerts => _evaluator.OpenAlerts;

    /// <summary>The evaluator decides what is recent enough to page anyone (Alerts:EventMaxAge);
    /// this only keeps a month of imported history from queueing up for nothing.</summary>
    private void Post<T>(IReadOnlyList<T> items, Func<T, AlertEvent> map, bool share = true)
    {
        var since = clock.GetUtcNow() - (options.Value.EventMaxAge > MaxQueuedAge ? options.Value.EventMaxAge : MaxQueuedAge);
        // A loop, not a chain of enumerators: this runs on the request's thread for every accepted item (issue 19).
        var recent = new List<AlertEvent>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var e = map(items[i]);
            if (e.Time >= since)
                recent.Add(e);
        }
        if (recent.Count == 0)
            return;
        _events.Writer.TryWrite(recent);
        // Only what burst and review-spike rules count goes to the other nodes: negatives, or
        // every item while a burst rule compares with the usual level.
        if (share)
            shared.PendingCounted(_evaluator.CountsEveryItem ? recent : recent.Where(e => e.Negative));
    }

    private static readonly TimeSpan MaxQueuedAge = TimeSpan.FromDays(1);

    private const int MaxEventsPerPass = 10_000;

    /// <summary>Silence, counts that age, quiet event alerts, escalation and reminders.</summary>
    public Task TickAsync(CancellationToken ct) =>
        RunAsync(now => _evaluator.Tick(now, sites.All.Select(s => s.Id), (id, at) => sites.TryGet(id, out var site) && site.IsOpen(at)), ct, fromStore: true);

    private Task OnSnapshotsAsync(RollingRun run, CancellationToken ct)
    {
        var byKey = run.Snapshots.ToDictionary(s => (s.Scope.ToString(), SatisfactionWindows.Code(s.Window)), s => s.Snapshot);
        return RunAsync(now => _evaluator.EvaluateSnapshots(byKey, now), ct, fromStore: true);
    }

    /// <summary>With several nodes the tick and the rolling run (once per cluster, on any node) and
    /// people's actions (on whichever node they reach) start from the alerts as stored, so
    /// escalation, reminders and resolution follow what the other nodes did. Accepted ratings are
    /// evaluated on the node's memory, at most one tick behind: the store's one open alert per rule
    /// and scope keeps two nodes from opening two (decision 0025).</summary>
    private async Task CatchUpAsync(CancellationToken ct, bool conflict = false)
    {
        if (store.SharedByNodes || conflict)
            _evaluator.ReplaceLive(await store.LoadLiveAsync(clock.GetUtcNow(), ct));
    }

    /// <summary>How often a decision is made again after another node changed its alert meanwhile.</summary>
    private const int Attempts = 3;

    private async Task RunAsync(Func<DateTimeOffset, List<AlertChange>> evaluate, CancellationToken ct, bool fromStore = false)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (fromStore)
                await CatchUpAsync(ct);
            var changes = evaluate(clock.GetUtcNow());
            for (var attempt = 1; ; attempt++)
            {
                var voided = await ApplyAllAsync(changes, ct);
                if (voided.Count == 0)
                    break;
                // Another node wrote some of these alerts since they were read (decision 0025):
                // nothing of those changes was written; read them again and decide again. A tick or
                // a rolling run is simply run again; accepted items would count twice that way, so
                // their changes are stepped again from the alerts as stored (the second poisoning
                // complaint still joins an alert acknowledged on the other node meanwhile).
                await CatchUpAsync(ct, conflict: true);
                if (attempt == Attempts)
                {
                    logger.LogWarning("{Count} alert changes were dropped: another node changed those alerts at the same time", voided.Count);
                    break;
                }
                changes = fromStore ? evaluate(clock.GetUtcNow()) : _evaluator.Redo(voided, clock.GetUtcNow());
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Alert evaluation failed; it runs again with the next input");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <returns>The changes another node's write made void.</returns>
    private async Task<List<AlertChange>> ApplyAllAsync(List<AlertChange> changes, CancellationToken ct)
    {
        // One batch may open or change an alert and then change it again (two matching ratings in
        // one request): the later changes were decided after the earlier ones, so they take the id
        // just assigned and the version just written.
        var written = new Dictionary<(string Rule, string Scope), (long Id, long Version)>();
        var voided = new List<AlertChange>();
        var now = clock.GetUtcNow();
        foreach (var change in changes)
        {
            var key = (change.Alert.Rule, change.Alert.Scope);
            var known = written.TryGetValue(key, out var w) && (change.Alert.Id == 0 || change.Alert.Id == w.Id)
                ? change with { Alert = change.Alert with { Id = w.Id, Version = w.Version } } : change;
            try
            {
                if (await ApplyAsync(known, System, now, ct) is { } saved)
                    written[key] = (saved.Id, saved.Version);
                else
                    written.Remove(key);
            }
            catch (AlertWriteConflict)
            {
                voided.Add(change);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad change must not cost the batch's other alerts.
                logger.LogError(ex, "Alert {Rule} at {Scope} could not be saved; it is evaluated again with the next input", change.Alert.Rule, change.Alert.Scope);
            }
        }
        return voided;
    }

    /// <returns>The alert, saved, or null when the change discarded it.</returns>
    private async Task<AlertInstance?> ApplyAsync(AlertChange change, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var rule = _evaluator.Rules.FirstOrDefault(r => r.Name == change.Alert.Rule);
        var saved = await store.SaveAsync(change, rule, actor, now, ct);
        if (change.Discarded)
            return null;
        _evaluator.Update(saved);
        if (saved.State == AlertState.Pending)
            return saved;
        if (change.Notice is { } notice)
            await notices.SendAsync(saved, rule, notice, change.Reason, ct);
        await PushAsync(saved.Id, change.Notice ?? change.Reason, ct);
        return saved;
    }

    internal async Task PushAsync(long id, string what, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } record)
            return;
        // One sequence number for both forms: they are the same change.
        var seq = sequence.Next();
        await hub.Clients.Group(DashboardHub.AlertsGroup).Alert(new AlertUpdate(seq, clock.GetUtcNow(), what, record));
        await hub.Clients.Groups(DashboardHub.MaskedAlertGroups(record.Site)).Alert(new AlertUpdate(seq, clock.GetUtcNow(), what, CxMonitor.Web.Access.PersonalData.Mask(record)));
    }
}
