using CxMonitor.Core.Metrics;

namespace CxMonitor.Core.Alerts;

/// <summary>What a burst rule keeps per scope: the items of its last <c>within</c> and, for a rule
/// that compares with the usual level, the long-run unhappy share of the items that have left the
/// window (decayed with a half-life of <see cref="UsualHalfLife"/>, so the usual follows slow change).</summary>
internal sealed class BurstWindow(CountCondition condition)
{
    /// <summary>How fast the usual share forgets: a week, like the baselines' four same weekdays.</summary>
    public static readonly TimeSpan UsualHalfLife = TimeSpan.FromDays(3);

    private readonly Queue<(DateTimeOffset Time, bool Negative)> _items = new();
    private int _negatives;
    private double _usualAll;
    private double _usualNegatives;
    private DateTimeOffset _usualAt;

    public CountCondition Condition => condition;

    /// <summary>A rule with a usual comparison counts every item; without one, only negatives.</summary>
    public bool CountsEverything => condition.AboveUsual is not null;

    public void Add(DateTimeOffset time, bool negative)
    {
        _items.Enqueue((time, negative));
        if (negative)
            _negatives++;
        // Without a usual comparison only whether k fall in the window matters: the k newest tell.
        while (!CountsEverything && _items.Count > condition.AtLeast)
            Leave();
    }

    /// <summary>Lets what is older than the window leave, then tells how the condition stands.</summary>
    public ConditionStatus Status(DateTimeOffset now)
    {
        while (_items.Count > 0 && now - _items.Peek().Time > condition.Within)
            Leave();
        if (condition.AboveUsual is not { } ratio)
            return RuleConditions.CountStatus(condition, _negatives);
        return RuleConditions.CountAboveUsualStatus(condition, ratio, _negatives, _items.Count, UsualShare);
    }

    /// <summary>The alert's values as of the last <see cref="Status"/>: formatted only when an alert
    /// changes, not for every item counted (issue 19).</summary>
    public Dictionary<string, string> Values() => condition.AboveUsual is { } ratio
        ? RuleConditions.CountAboveUsual(condition, ratio, _negatives, _items.Count, UsualShare).Values
        : RuleConditions.Count(condition, _negatives).Values;

    /// <summary>Null until enough items have left the window to tell what is usual.</summary>
    public double? UsualShare => _usualAll >= condition.UsualMinSamples ? _usualNegatives / _usualAll : null;

    private void Leave()
    {
        var (time, negative) = _items.Dequeue();
        if (negative)
            _negatives--;
        if (!CountsEverything)
            return;
        if (time > _usualAt)
        {
            var decay = _usualAt == default ? 1 : Math.Pow(0.5, (time - _usualAt) / UsualHalfLife);
            _usualAll *= decay;
            _usualNegatives *= decay;
            _usualAt = time;
        }
        _usualAll++;
        if (negative)
            _usualNegatives++;
    }
}
