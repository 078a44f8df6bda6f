using System.Security.Claims;
using CxMonitor.Web.Access.People;

namespace CxMonitor.Web.Alerts;

/// <summary>GET /api/v1/alerts/rules: the active rules and the last reload's errors. Where the
/// rule files lie on the server is for admins only: others see file names.</summary>
public sealed record AlertRulesView(string? Directory, DateTimeOffset? LoadedAt, DateTimeOffset? AttemptedAt, IReadOnlyList<string> Files,
    IReadOnlyList<string> Errors, IReadOnlyList<CxMonitor.Core.Alerts.CriticalMomentRule> Rules)
{
    public static AlertRulesView For(AlertRules rules, ClaimsPrincipal user)
    {
        var admin = user.IsInRole(UserRoles.Admin);
        string Name(string path) => admin ? path : Path.GetFileName(path);
        string Error(Rules.RuleFileError e) => admin ? e.ToString() : (e with { File = Name(e.File), Message = e.Message.Replace(rules.Directory, "", StringComparison.Ordinal) }).ToString();
        return new AlertRulesView(admin ? rules.Directory : null, rules.LoadedAt, rules.AttemptedAt,
            [.. rules.Active.Files.Select(Name)], [.. rules.Errors.Select(Error)], rules.Active.Rules);
    }
}
