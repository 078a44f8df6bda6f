using CxMonitor.Core.Metrics;

namespace CxMonitor.Core.Alerts;

/// <summary>Evaluates a rule set over plain inputs and keeps what evaluation needs between calls:
/// the open (and last resolved) alert per rule and scope, recent negatives for burst rules, each
/// site's last rating for silence rules, and each customer's last answer for loyalty rules. Not
/// thread-safe: the caller serialises calls. Time always comes in as an argument.</summary>
public sealed partial class RuleEvaluator
{
    private readonly Dictionary<(string Rule, string Scope), AlertInstance> _alerts = [];
    private readonly Dictionary<(string Rule, string Scope), BurstWindow> _counts = [];
    private readonly LastHeard _lastRating = new();
    private readonly Dictionary<string, DateTimeOffset> _watchedSince = new(StringComparer.Ordinal);
    private readonly CustomerMemory _customers = new(100_000);
    private Dictionary<string, PreparedRule> _rules = new(StringComparer.Ordinal);

    public IReadOnlyCollection<CriticalMomentRule> Rules => _rules.Values.Select(r => r.Rule).ToArray();

    public IEnumerable<AlertInstance> OpenAlerts => _alerts.Values.Where(a => a.IsOpen);

    /// <summary>A burst rule compares with the usual level, so it counts every item, not only negatives.</summary>
    public bool CountsEveryItem { get; private set; }

    /// <summary>Event, burst and review-spike rules act only on items at most this old when they
    /// arrive: a back-filled or late rating counts in the figures but is no moment that can still
    /// be saved, so it pages nobody. It still tells silence and loyalty rules what happened.</summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Swaps the rule set. Alerts of rules that no longer exist stay as they are (the
    /// store keeps them; people resolve them).</summary>
    public void SetRules(IEnumerable<CriticalMomentRule> rules)
    {
        _rules = rules.ToDictionary(r => r.Name, r => new PreparedRule(r), StringComparer.Ordinal);
        CountsEveryItem = _rules.Values.Any(r => r.Rule.Kind == RuleKind.Burst && r.Rule.Count!.AboveUsual is not null);
        // A burst whose condition changed starts counting afresh; unchanged ones keep their window.
        foreach (var key in _counts.Keys.Where(k => !_rules.TryGetValue(k.Rule, out var r) || r.Rule.Count != _counts[k].Condition).ToList())
            _counts.Remove(key);
    }

    /// <summary>Restores alerts from the store at start, so one alert per rule and scope holds across restarts.</summary>
    public void Load(IEnumerable<AlertInstance> alerts)
    {
        foreach (var a in alerts)
            _alerts[(a.Rule, a.Scope)] = a;
    }

    /// <summary>Open and recently resolved alerts as another writer left them (another node of
    /// a cluster): what is not among them was resolved or discarded there.</summary>
    public void ReplaceLive(IEnumerable<AlertInstance> alerts)
    {
        _alerts.Clear();
        Load(alerts);
    }

    public void SetLastRating(string site, DateTimeOffset time) => _lastRating.Set(site, time);

    public AlertInstance? Find(long id) => _alerts.Values.FirstOrDefault(a => a.Id == id);

    /// <summary>The store gave the alert its id, or a person changed it: keep the core's copy the same.</summary>
    public void Update(AlertInstance alert) => _alerts[(alert.Rule, alert.Scope)] = alert;

    /// <summary>Event, burst and review-spike rules on accepted ratings and reviews; items another
    /// node accepted (<see cref="AlertEvent.FromOtherNode"/>) feed burst and review-spike counts only.</summary>
    public List<AlertChange> Observe(IReadOnlyList<AlertEvent> events, DateTimeOffset now)
    {
        var changes = new List<AlertChange>();
        foreach (var e in events)
        {
            var recent = now - e.Time <= MaxEventAge;
            foreach (var prepared in _rules.Values)
            {
                if (!recent)
                    break;
                var rule = prepared.Rule;
                // Cheapest tests first: this runs for every rule and every accepted item.
                var relevant = rule.Kind switch
                {
                    RuleKind.Event => !e.FromOtherNode,
                    RuleKind.Burst => e.Negative || rule.Count!.AboveUsual is not null,
                    RuleKind.ReviewSpike => e.Negative && e.Kind == "review",
                    _ => false,
                };
                if (!relevant || (rule.Sites.Count > 0 && !rule.Sites.Contains(e.Site)))
                    continue;
                if (rule.Kind == RuleKind.Event)
                {
                    if (prepared.Matches(e, _customers) is not { } why || ScopeOf(rule, e) is not { } matched)
                        continue;
                    var values = RuleConditions.Values(("value", e.Score ?? e.Stars), ("match", why.Why), ("reasons", why.Reasons), ("text", e.Text), ("customer", e.Customer), ("site", e.Site));
                    if (why.Keyword is not null)
                        values["keyword"] = why.Keyword;
                    Apply(changes, rule, matched, ConditionStatus.Active, now, values, [e]);
                    continue;
                }
                if (CountedScope(prepared, e) is not { } counted)
                    continue;
                var (scope, window) = counted;
                window.Add(e.Time, e.Negative);
                var status = window.Status(now);
                // Most items change nothing: no alert and the condition not active, or a burst that
                // is already alerting (it gains nothing from each further negative). The values are
                // formatted only for a change (issue 19).
                _alerts.TryGetValue((rule.Name, scope), out var current);
                if (current is null or { State: AlertState.Resolved } ? status != ConditionStatus.Active
                        : current.State is AlertState.Firing or AlertState.Acknowledged && status != ConditionStatus.Clear)
                    continue;
                Apply(changes, rule, scope, current, status, now, window.Values(), [e]);
            }
            // Another node's item is shared for counting only: that node keeps its own silence and loyalty memory.
            if (e.Kind == "rating" && !e.FromOtherNode)
            {
                _lastRating.Heard(e.Site, e.Source, e.Time);
                if (e.Customer is { } customer)
                    _customers.Remember(customer, e.Positive, e.Negative);
            }
        }
        return changes;
    }

    /// <summary>Decides again, on the alerts as now known (after <see cref="ReplaceLive"/>), the
    /// changes another node's write made void: the same condition, values and items, stepped from
    /// the alert as that node left it (acknowledged, say, or opened there first). The items are not
    /// counted again: burst windows and customer memory already hold them. Changes of a rule that
    /// no longer exists are let go.</summary>
    public List<AlertChange> Redo(IReadOnlyList<AlertChange> voided, DateTimeOffset now)
    {
        var changes = new List<AlertChange>();
        foreach (var lost in voided)
        {
            if (_rules.TryGetValue(lost.Alert.Rule, out var prepared))
                Apply(changes, prepared.Rule, lost.Alert.Scope, lost.Condition, now, lost.Measured ?? lost.Alert.Values, lost.Triggers);
        }
        return changes;
    }

    /// <summary>Threshold and drop rules after each snapshot computation. Keys: (scope, window code).
    /// Runs for every rule over every scope of its kind, so the common case (no alert, condition
    /// not active) costs one comparison and no allocation.</summary>
    public List<AlertChange> EvaluateSnapshots(IReadOnlyDictionary<(string Scope, string Window), SatisfactionSnapshot> snapshots, DateTimeOffset now)
    {
        var changes = new List<AlertChange>();
        var byGroup = new Dictionary<(string Window, string Kind), List<(string Scope, SatisfactionSnapshot Snapshot)>>();
        foreach (var ((scope, window), snapshot) in snapshots)
        {
            var colon = scope.IndexOf(':');
            var key = (window, colon < 0 ? scope : scope[..colon]);
            if (!byGroup.TryGetValue(key, out var list))
                byGroup[key] = list = [];
            list.Add((scope, snapshot));
        }
        foreach (var prepared in _rules.Values)
        {
            var rule = prepared.Rule;
            var window = rule.Threshold?.Window ?? rule.Drop?.Window;
            if (window is null || !byGroup.TryGetValue((window, rule.GroupBy), out var scopes))
                continue;
            foreach (var (scope, snapshot) in scopes)
            {
                if (rule.Sites.Count > 0 && !InGroup(rule, scope))
                    continue;
                var status = rule.Kind == RuleKind.Threshold
                    ? RuleConditions.ThresholdStatus(rule.Threshold!, snapshot)
                    : RuleConditions.DropStatus(rule.Drop!, snapshot);
                // Most pairs change nothing: no alert and not active, or firing and not yet clear.
                _alerts.TryGetValue((rule.Name, scope), out var current);
                if (current is null or { State: AlertState.Resolved } ? status != ConditionStatus.Active
                        : current.State is AlertState.Firing or AlertState.Acknowledged && status != ConditionStatus.Clear)
                    continue;
                var values = rule.Kind == RuleKind.Threshold
                    ? RuleConditions.Threshold(rule.Threshold!, snapshot).Values
                    : RuleConditions.Drop(rule.Drop!, snapshot).Values;
                Apply(changes, rule, scope, status, now, values, []);
            }
        }
        return changes;
    }

    /// <summary>Time-driven changes: silence, counts that age out, event alerts gone quiet,
    /// escalation and reminders. <paramref name="isOpen"/> tells a site's opening hours.</summary>
    public List<AlertChange> Tick(DateTimeOffset now, IEnumerable<string> sites, Func<string, DateTimeOffset, bool> isOpen)
    {
        var changes = new List<AlertChange>();
        foreach (var prepared in _rules.Values.Where(r => r.Rule.Kind == RuleKind.Silence))
        {
            foreach (var site in sites.Where(s => prepared.Rule.Sites.Count == 0 || prepared.Rule.Sites.Contains(s)))
            {
                // Nothing heard since start (a restart, a new site) is silence since we began to
                // listen, not since forever: a busy site must not fire before its first batch lands.
                if (!_lastRating.TryGet(site, prepared.Rule.RatingSource, out var last))
                {
                    var key = prepared.Rule.RatingSource is { } source ? site + "\n" + source : site;
                    _watchedSince.TryAdd(key, now);
                    last = _watchedSince[key];
                }
                var status = RuleConditions.Silence(prepared.Rule.SilentFor!.Value, last, now, at => isOpen(site, at));
                var values = RuleConditions.Values(("value", RuleConditions.Minutes(now - last)), ("bound", RuleConditions.Minutes(prepared.Rule.SilentFor!.Value)), ("site", site),
                    ("source", prepared.Rule.RatingSource ?? "any source"));
                Apply(changes, prepared.Rule, "site:" + site, status, now, values, []);
            }
        }
        foreach (var alert in _alerts.Values.Where(a => a.IsOpen).ToList())
        {
            if (!_rules.TryGetValue(alert.Rule, out var prepared))
                continue;
            var rule = prepared.Rule;
            if (rule.Kind == RuleKind.Event && alert.LastMatchAt is { } lastMatch && now - lastMatch >= rule.Event!.QuietAfter)
                Apply(changes, rule, alert.Scope, ConditionStatus.Clear, now, alert.Values, []);
            else if (rule.Kind is RuleKind.Burst or RuleKind.ReviewSpike)
                Apply(changes, rule, alert.Scope, Counts(rule, alert.Scope).Status(now), now, alert.Values, []);
            if (_alerts[(alert.Rule, alert.Scope)] is { IsOpen: true } open && AlertStateMachine.Tick(rule, open, now) is { } timed)
                Record(changes, timed);
        }
        return changes;
    }

    private void Apply(List<AlertChange> changes, CriticalMomentRule rule, string scope, ConditionStatus status, DateTimeOffset now,
        IReadOnlyDictionary<string, string> values, IReadOnlyList<AlertEvent> triggers)
    {
        _alerts.TryGetValue((rule.Name, scope), out var current);
        Apply(changes, rule, scope, current, status, now, values, triggers);
    }

    private void Apply(List<AlertChange> changes, CriticalMomentRule rule, string scope, AlertInstance? current, ConditionStatus status, DateTimeOffset now,
        IReadOnlyDictionary<string, string> values, IReadOnlyList<AlertEvent> triggers)
    {
        if (AlertStateMachine.Step(rule, scope, current, status, now, values, triggers) is { } change)
            Record(changes, change);
    }

    private void Record(List<AlertChange> changes, AlertChange change)
    {
        var key = (change.Alert.Rule, change.Alert.Scope);
        if (change.Discarded)
            _alerts.Remove(key);
        else
            _alerts[key] = change.Alert;
        changes.Add(change);
    }

    private static bool InGroup(CriticalMomentRule rule, string scope)
    {
        var kind = scope.Split(':', 2)[0];
        if (kind != rule.GroupBy)
            return false;
        if (rule.Sites.Count == 0 || kind is not ("site" or "site-touchpoint"))
            return true;
        var site = scope[(kind.Length + 1)..].Split('/')[0];
        return rule.Sites.Contains(site);
    }
}
