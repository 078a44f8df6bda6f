using CxMonitor.Simulator.Catalog;

namespace CxMonitor.Simulator.Generation;

/// <summary>
/// The three scripted incidents of a live demo, placed relative to its start. A drop or a silence
/// at a closed site would show nothing, so those two wait for a stretch when the site is open.
/// </summary>
public sealed class IncidentSchedule
{
    public const int OneStarReviewCount = 6;

    public static IncidentSchedule None { get; } = new([], []);

    private IncidentSchedule(IReadOnlyList<Incident> incidents, IReadOnlyList<string> notes)
    {
        Incidents = incidents;
        Notes = notes;
    }

    public IReadOnlyList<Incident> Incidents { get; }

    /// <summary>Why an incident was skipped or moved.</summary>
    public IReadOnlyList<string> Notes { get; }

    public static IncidentSchedule Plan(DateTimeOffset start, IReadOnlyList<DemoSite> sites, TimeSpan offset)
    {
        var incidents = new List<Incident>();
        var notes = new List<string>();
        void Add(int number, IncidentKind kind, string siteId, TimeSpan after, TimeSpan length, bool needsOpen, string what)
        {
            var site = sites.FirstOrDefault(s => s.Id == siteId);
            if (site is null)
            {
                notes.Add($"incident {number} ({what}) skipped: {siteId} is not among the simulated sites");
                return;
            }
            var planned = start + after;
            var begins = needsOpen ? FirstOpenStretch(site, planned, length) : planned;
            if (begins is null)
            {
                notes.Add($"incident {number} ({what}) skipped: {siteId} is never open for {length.TotalMinutes} min");
                return;
            }
            if (begins != planned)
                notes.Add($"incident {number} ({what}) moved to {begins:yyyy-MM-dd HH:mm} UTC, when {siteId} is open");
            incidents.Add(new Incident(number, kind, siteId, begins.Value, begins.Value + length,
                $"{what} at {siteId} for {length.TotalMinutes} min"));
        }

        // Staggered so that each shows up on its own on the wall display.
        Add(1, IncidentKind.SatisfactionDrop, "berlin-alexanderplatz", offset, TimeSpan.FromMinutes(20),
            needsOpen: true, "satisfaction drop (understaffed: queues, rude staff)");
        Add(2, IncidentKind.TerminalSilence, "warsaw-centrum", offset + TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
            needsOpen: true, "terminal silence (no terminal ratings)");
        Add(3, IncidentKind.OneStarReviews, "london-oxford-st", offset + TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(10),
            needsOpen: false, $"run of {OneStarReviewCount} one-star reviews");
        return new IncidentSchedule(incidents, notes);
    }

    /// <summary>The ground truth of a multi-day run: each day one incident of every kind, each at
    /// another site (rotating, so that every site gets every kind), at a local hour when that site
    /// is open (a site closed that day passes its turn to the next). What a benchmark of the alert
    /// rules measures itself against.</summary>
    public static IncidentSchedule Days(DateTimeOffset start, IReadOnlyList<DemoSite> sites, int days)
    {
        var incidents = new List<Incident>();
        var notes = new List<string>();
        (IncidentKind Kind, double LocalHour, TimeSpan Length, string What)[] kinds =
        [
            (IncidentKind.SatisfactionDrop, 11, TimeSpan.FromMinutes(20), "satisfaction drop (understaffed: queues, rude staff)"),
            (IncidentKind.TerminalSilence, 13, TimeSpan.FromMinutes(30), "terminal silence (no terminal ratings)"),
            (IncidentKind.OneStarReviews, 15, TimeSpan.FromMinutes(10), $"run of {OneStarReviewCount} one-star reviews"),
            (IncidentKind.SafetyComplaint, 16.5, TimeSpan.FromMinutes(1), "a food-poisoning complaint"),
        ];
        for (var day = 0; day < days; day++)
        {
            var used = new HashSet<string>();
            for (var k = 0; k < kinds.Length; k++)
            {
                var (kind, hour, length, what) = kinds[k];
                // Minutes past the hour drift from day to day so that no clock time is favoured.
                var local = DateTime.SpecifyKind(start.UtcDateTime.Date, DateTimeKind.Unspecified).AddDays(day).AddHours(hour).AddMinutes(day * 17 % 60);
                var placed = false;
                for (var i = 0; i < sites.Count && !placed; i++)
                {
                    var site = sites[(day + k * 2 + i) % sites.Count];
                    var begins = new DateTimeOffset(local, site.TimeZone.GetUtcOffset(local)).ToUniversalTime();
                    if (used.Contains(site.Id) || !site.IsOpen(begins) || !site.IsOpen(begins + length - TimeSpan.FromMinutes(1)))
                        continue;
                    used.Add(site.Id);
                    incidents.Add(new Incident(incidents.Count + 1, kind, site.Id, begins, begins + length, $"{what} at {site.Id} for {length.TotalMinutes} min"));
                    placed = true;
                }
                if (!placed)
                    notes.Add($"day {day + 1}: no site open for a {kind} at {hour}:00 local");
            }
        }
        return new IncidentSchedule(incidents.OrderBy(i => i.Start).ToList(), notes);
    }

    /// <summary>The ground truth as JSON: number, kind, site, start and end (UTC) and what happened,
    /// so that alerts can be scored against it outside this process.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(
        Incidents.Select(i => new { i.Number, Kind = i.Kind.ToString(), Site = i.SiteId, i.Start, i.End, i.Description }),
        new System.Text.Json.JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase });

    public Incident? Active(IncidentKind kind, string siteId, DateTimeOffset instant) =>
        Incidents.FirstOrDefault(i => i.Kind == kind && i.SiteId == siteId && i.IsActiveAt(instant));

    /// <summary>When the scripted one-star reviews of an incident are posted: spread evenly over its window.</summary>
    public static IEnumerable<DateTimeOffset> OneStarReviewTimes(Incident incident)
    {
        var gap = (incident.End - incident.Start) / OneStarReviewCount;
        for (var i = 0; i < OneStarReviewCount; i++)
            yield return incident.Start + gap * i + TimeSpan.FromSeconds(20);
    }

    public IEnumerable<IncidentTransition> TransitionsBetween(DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var incident in Incidents)
        {
            if (incident.Start >= from && incident.Start < to)
                yield return new IncidentTransition(incident.Start, incident, Starts: true);
            if (incident.End >= from && incident.End < to)
                yield return new IncidentTransition(incident.End, incident, Starts: false);
        }
    }

    private static DateTimeOffset? FirstOpenStretch(DemoSite site, DateTimeOffset from, TimeSpan length)
    {
        var last = length - TimeSpan.FromMinutes(1);
        for (var t = from; t < from + TimeSpan.FromDays(8); t += TimeSpan.FromMinutes(1))
        {
            if (site.IsOpen(t) && site.IsOpen(t + last))
                return t;
        }
        return null;
    }
}
