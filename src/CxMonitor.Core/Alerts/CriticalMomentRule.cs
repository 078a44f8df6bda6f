namespace CxMonitor.Core.Alerts;

/// <summary>What kind of critical moment a rule describes.</summary>
public enum RuleKind
{
    /// <summary>A window's metric crosses a bound, for a while, with a separate resolve bound.</summary>
    Threshold,

    /// <summary>A window's CSAT is significantly below its own baseline.</summary>
    Drop,

    /// <summary>At least k negative ratings or reviews within m minutes at one scope.</summary>
    Burst,

    /// <summary>One rating or review matches conditions (score, words, VIP, loyalty turned).</summary>
    Event,

    /// <summary>No ratings from a site for a while during its opening hours.</summary>
    Silence,

    /// <summary>At least k negative reviews within a period at one site.</summary>
    ReviewSpike,
}

public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}

/// <summary>Escalation: when nobody has acknowledged an alert after <see cref="After"/>, it is
/// sent to <see cref="Route"/> too.</summary>
public sealed record Escalation(TimeSpan After, string Route);

/// <summary>A rule from a file in <c>alerts/</c>: what a critical moment is, how it is grouped and
/// whom it reaches. Kind-specific settings are null when the kind does not use them.</summary>
public sealed record CriticalMomentRule
{
    public required string Name { get; init; }

    public required RuleKind Kind { get; init; }

    public AlertSeverity Severity { get; init; } = AlertSeverity.Warning;

    /// <summary>How alerts are grouped: one open alert per rule and value of this scope kind
    /// (all, site, channel, touchpoint, site-touchpoint).</summary>
    public string GroupBy { get; init; } = "site";

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The rule author's summary templates by language code (en, ru, uk); a plain
    /// <c>summary:</c> text is the English one. A reader whose language is missing gets the
    /// built-in wording of the rule's kind in their language.</summary>
    public IReadOnlyDictionary<string, string> Summaries { get; init; } = new Dictionary<string, string>();

    /// <summary>Description templates by language code; a missing language falls back to English.</summary>
    public IReadOnlyDictionary<string, string> Descriptions { get; init; } = new Dictionary<string, string>();

    public string Route { get; init; } = "default";

    /// <summary>Remind while an alert stays firing or acknowledged but unresolved.</summary>
    public TimeSpan Repeat { get; init; } = TimeSpan.FromHours(4);

    public Escalation? Escalate { get; init; }

    /// <summary>How long a condition must hold before the alert fires (threshold, drop, silence).</summary>
    public TimeSpan For { get; init; }

    /// <summary>Only these sites (empty: every site).</summary>
    public IReadOnlyList<string> Sites { get; init; } = [];

    public ThresholdCondition? Threshold { get; init; }

    public DropCondition? Drop { get; init; }

    public CountCondition? Count { get; init; }

    public EventCondition? Event { get; init; }

    /// <summary>Silence: minutes without ratings during opening hours.</summary>
    public TimeSpan? SilentFor { get; init; }

    /// <summary>Silence: only ratings from this source count (e.g. <c>terminal</c>: the web and
    /// e-mail surveys of a site keep coming when its in-store terminals are dead); null: any.</summary>
    public string? RatingSource { get; init; }
}

/// <summary>Fires when the metric is below <see cref="Below"/> (or above <see cref="Above"/>) with
/// at least <see cref="MinSamples"/>; resolves only once past the resolve bound (hysteresis).</summary>
public sealed record ThresholdCondition(string Metric, string Window, double? Below, double? Above, double ResolveBound, long MinSamples);

/// <summary>Fires when CSAT is at least <see cref="MinChange"/> points below its baseline with p below <see cref="MaxPValue"/>.</summary>
public sealed record DropCondition(string Window, double MinChange, double MaxPValue, long MinSamples);

/// <summary>Fires at <see cref="AtLeast"/> items within <see cref="Within"/>; resolves below <see cref="ResolveBelow"/>.
/// With <see cref="AboveUsual"/> (bursts only) the unhappy share of everything in the window must
/// also be at least that many times its usual level and significantly above it (one-sided
/// p ≤ <see cref="MaxPValue"/>): five unhappy of 100 at a busy touchpoint is a normal quarter hour.</summary>
public sealed record CountCondition(int AtLeast, TimeSpan Within, int ResolveBelow)
{
    /// <summary>How many times its usual unhappy share the window's share must reach; null: no comparison.</summary>
    public double? AboveUsual { get; init; }

    public double MaxPValue { get; init; } = 0.001;

    /// <summary>Items that must have passed through before the usual share counts as known.</summary>
    public int UsualMinSamples { get; init; } = 200;
}

/// <summary>A single rating or review that matches every condition given.</summary>
public sealed record EventCondition
{
    /// <summary>Ratings only, reviews only, or both.</summary>
    public string Source { get; init; } = "any";

    public IReadOnlyList<string> Scales { get; init; } = [];

    /// <summary>Ratings whose 0-100 norm is at most this.</summary>
    public double? MaxNorm { get; init; }

    public int? MaxStars { get; init; }

    /// <summary>Words or phrases, matched without regard to case or diacritics.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    public IReadOnlyList<string> VipCustomers { get; init; } = [];

    /// <summary>A customer whose earlier rating was satisfied (or promoter) is now dissatisfied.</summary>
    public bool LoyalTurnedNegative { get; init; }

    /// <summary>An event alert resolves after this long without another matching item.</summary>
    public TimeSpan QuietAfter { get; init; } = TimeSpan.FromHours(1);
}
