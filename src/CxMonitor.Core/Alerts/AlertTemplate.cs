using System.Text;

namespace CxMonitor.Core.Alerts;

/// <summary>Fills <c>{{name}}</c> placeholders of a summary or description with the alert's
/// values (rule, scope, site, value, n, bound, window, …). An unknown name stays visible as
/// written, so a typo shows in the message instead of vanishing.</summary>
public static class AlertTemplate
{
    public static string Render(string template, string rule, string scope, IReadOnlyDictionary<string, string> values)
    {
        var sb = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("{{", i, StringComparison.Ordinal);
            var close = open < 0 ? -1 : template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (open < 0 || close < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }
            sb.Append(template, i, open - i);
            var name = template[(open + 2)..close].Trim();
            sb.Append(Lookup(name, rule, scope, values) ?? template[open..(close + 2)]);
            i = close + 2;
        }
        return sb.ToString();
    }

    /// <summary>The names a template may use besides the rule kind's own values.</summary>
    public static readonly string[] Common = ["rule", "scope", "site"];

    private static string? Lookup(string name, string rule, string scope, IReadOnlyDictionary<string, string> values) => name switch
    {
        "rule" => rule,
        "scope" => scope,
        "site" when !values.ContainsKey("site") => scope.StartsWith("site:", StringComparison.Ordinal) ? scope[5..]
            : scope.StartsWith("site-touchpoint:", StringComparison.Ordinal) ? scope[16..].Split('/')[0] : scope,
        _ => values.TryGetValue(name, out var v) ? v : null,
    };
}
