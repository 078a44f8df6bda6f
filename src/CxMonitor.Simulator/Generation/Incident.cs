namespace CxMonitor.Simulator.Generation;

public enum IncidentKind { SatisfactionDrop, TerminalSilence, OneStarReviews, SafetyComplaint }

/// <summary>A scripted critical moment for the demo, active in [Start, End).</summary>
public sealed record Incident(int Number, IncidentKind Kind, string SiteId, DateTimeOffset Start, DateTimeOffset End, string Description)
{
    public bool IsActiveAt(DateTimeOffset instant) => instant >= Start && instant < End;
}

/// <summary>An incident starting or ending, for the console.</summary>
public sealed record IncidentTransition(DateTimeOffset At, Incident Incident, bool Starts)
{
    public override string ToString() =>
        $"incident {Incident.Number} {(Starts ? "starts" : "ends")}: {Incident.Description}";
}
