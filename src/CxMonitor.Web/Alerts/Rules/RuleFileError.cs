namespace CxMonitor.Web.Alerts.Rules;

/// <summary>One problem in a rule file, with where it is: "alerts/stores.yaml:12: rule 'csat-low': …".</summary>
public sealed record RuleFileError(string File, int Line, string? Rule, string Message)
{
    public override string ToString() => Rule is null ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: rule '{Rule}': {Message}";
}
