using CxMonitor.Core.Alerts;

namespace CxMonitor.Web.Alerts.Rules;

/// <summary>The rules of every <c>*.yaml</c> file in a folder, or every error in them. Names must
/// be unique across files.</summary>
public sealed record RuleSet(IReadOnlyList<CriticalMomentRule> Rules, IReadOnlyList<RuleFileError> Errors, IReadOnlyList<string> Files)
{
    public static RuleSet Load(string directory)
    {
        if (!Directory.Exists(directory))
            return new RuleSet([], [new RuleFileError(directory, 0, null, "no such folder")], []);
        var rules = new List<CriticalMomentRule>();
        var errors = new List<RuleFileError>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(directory, "*.yaml").Concat(Directory.EnumerateFiles(directory, "*.yml")).Order(StringComparer.Ordinal).ToList();
        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            var lines = new Dictionary<string, int>(StringComparer.Ordinal);
            var (fileRules, fileErrors) = RuleFileReader.Read(name, File.ReadAllText(path), lines);
            errors.AddRange(fileErrors);
            foreach (var rule in fileRules)
            {
                if (seen.TryGetValue(rule.Name, out var other))
                    errors.Add(new RuleFileError(name, lines.GetValueOrDefault(rule.Name), rule.Name, $"the name is taken by a rule in {other}"));
                else
                    seen[rule.Name] = $"{name}:{lines.GetValueOrDefault(rule.Name)}";
                rules.Add(rule);
            }
        }
        return new RuleSet(errors.Count == 0 ? rules : [], errors, files.Select(Path.GetFileName).ToArray()!);
    }
}
