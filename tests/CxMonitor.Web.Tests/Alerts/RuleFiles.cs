using CxMonitor.Core.Alerts;
using CxMonitor.Web.Alerts.Rules;

namespace CxMonitor.Web.Tests.Alerts;

public class RuleFiles
{
    [Theory]
    [InlineData("rules:\n  - name: a\n    kind: threshold\n    metric: csat\n    window: 1h\n    below: 70\n    treshold: 3\n",
        "x.yaml:7: rule 'a': unknown key 'treshold' for a threshold rule (known: above, below, description, escalate, for, group_by, kind, labels, metric, min_samples, name, repeat, resolve_above, resolve_below, route, severity, sites, summary, window)")]
    [InlineData("rules:\n  - name: a\n    kind: threshold\n    metric: cast\n    window: 1h\n    below: 70\n",
        "x.yaml:4: rule 'a': unknown metric 'cast' (use csat, nps, norm, ces, stars, sentiment, negatives, volume)")]
    [InlineData("rules:\n  - name: a\n    kind: threshold\n    metric: csat\n    window: 2h\n    below: 70\n",
        "x.yaml:5: rule 'a': unknown window '2h' (use 15m, 1h, today, 24h, 7d, 30d)")]
    [InlineData("rules:\n  - name: a\n    kind: threshold\n    metric: csat\n    window: 1h\n    below: low\n",
        "x.yaml:6: rule 'a': 'below' must be a number, got 'low'")]
    [InlineData("rules:\n  - name: a\n    kind: threshold\n    metric: csat\n    window: 1h\n    below: 70\n    resolve_above: 65\n",
        "x.yaml:7: rule 'a': 'resolve_above' (65) must not be below 'below' (70)")]
    [InlineData("rules:\n  - name: a\n    kind: thresold\n",
        "x.yaml:3: rule 'a': unknown kind 'thresold' (use threshold, drop, burst, event, silence, review_spike)")]
    [InlineData("rules:\n  - name: a\n    kind: burst\n    at_least: 5\n    within: soon\n",
        "x.yaml:5: rule 'a': 'within' must be a duration such as 90s, 15m, 4h or 1d, got 'soon'")]
    [InlineData("rules:\n  - name: a\n    kind: event\n    keywords: [x]\n    group_by: region\n",
        "x.yaml:5: rule 'a': unknown group by 'region' (use all, site, channel, touchpoint, site-touchpoint)")]
    [InlineData("rules:\n  - name: a\n    kind: event\n",
        "x.yaml:2: rule 'a': an event rule needs at least one condition: max_norm, max_stars, keywords, vip_customers or loyal_turned_negative")]
    [InlineData("rules:\n  - name: a\n    kind: event\n    keywords: oops\n",
        "x.yaml:4: rule 'a': 'keywords' must be a list of texts, e.g. [a, b]")]
    [InlineData("rules:\n  - name: a\n    kind: silence\n",
        "x.yaml:2: rule 'a': 'silent_for' is required")]
    [InlineData("rules:\n  - kind: silence\n    silent_for: 30m\n",
        "x.yaml:2: 'name' is required")]
    [InlineData("rules:\n  - name: Bad Name\n    kind: silence\n    silent_for: 30m\n",
        "x.yaml:2: rule 'Bad Name': 'name' must be 1-64 lower-case letters, digits and '-', starting with a letter")]
    [InlineData("rules:\n  - name: a\n    kind: event\n    keywords: [x]\n    escalate: { after: 10m }\n",
        "x.yaml:5: rule 'a': 'route' is required")]
    [InlineData("rules:\n  - name: a\n    kind: burst\n    at_least: 5\n    within: 15m\n    above_usual: 0.5\n",
        "x.yaml:6: rule 'a': 'above_usual' must be more than 1 (how many times the usual unhappy share)")]
    [InlineData("rules:\n  - name: a\n    kind: burst\n    at_least: 5\n    within: 15m\n    max_p_value: 0.01\n",
        "x.yaml:6: rule 'a': 'max_p_value' and 'usual_min_samples' go with 'above_usual'")]
    [InlineData("rules:\n  - name: a\n    kind: event\n    keywords: [x]\n    summary: {en: A, de: B}\n",
        "x.yaml:5: rule 'a': 'summary' has a text in unknown language 'de' (use en, ru, uk)")]
    [InlineData("rules:\n  - name: a\n    kind: event\n    keywords: [x]\n    description: [A, B]\n",
        "x.yaml:5: rule 'a': 'description' must be a text, or texts by language such as {en: …, ru: …, uk: …}")]
    [InlineData("rulez: []\n",
        "x.yaml:1: expected 'rules:' with a list of rules")]
    [InlineData("rules:\n  - name: a\n   kind: event\n",
        "x.yaml:3: not valid YAML: While parsing a block collection, did not find expected '-' indicator.")]
    public void A_bad_rule_file_gets_an_error_naming_the_file_the_line_and_the_rule(string yaml, string expected)
    {
        var (rules, errors) = RuleFileReader.Read("x.yaml", yaml);

        Assert.Empty(rules);
        Assert.Equal(expected, errors[0].ToString());
    }

    [Fact]
    public void The_shipped_rule_files_are_valid_and_cover_every_kind()
    {
        var set = RuleSet.Load(Path.Combine(AppContext.BaseDirectory, "alerts"));

        Assert.Empty(set.Errors);
        Assert.Equal(Enum.GetValues<RuleKind>().Order(), set.Rules.Select(r => r.Kind).Distinct().Order());
    }

    [Fact]
    public void A_burst_against_the_usual_and_a_terminal_silence_read_their_settings()
    {
        var (rules, errors) = RuleFileReader.Read("x.yaml", """
            rules:
              - name: burst
                kind: burst
                at_least: 5
                within: 15m
                above_usual: 2.5
                max_p_value: 0.0001
                usual_min_samples: 300
              - name: dead-terminals
                kind: silence
                silent_for: 10m
                rating_source: terminal
            """);

        Assert.Empty(errors);
        Assert.Equal(new CountCondition(5, TimeSpan.FromMinutes(15), 1) { AboveUsual = 2.5, MaxPValue = 0.0001, UsualMinSamples = 300 }, rules[0].Count);
        Assert.Equal("terminal", rules[1].RatingSource);
    }

    [Fact]
    public void The_same_rule_name_in_two_files_is_an_error_naming_both()
    {
        var folder = Directory.CreateTempSubdirectory("cx-rules-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.yaml"), "rules:\n  - name: dup\n    kind: silence\n    silent_for: 30m\n");
            File.WriteAllText(Path.Combine(folder, "b.yaml"), "# second\nrules:\n  - name: dup\n    kind: silence\n    silent_for: 30m\n");

            var set = RuleSet.Load(folder);

            Assert.Empty(set.Rules);
            Assert.Equal("b.yaml:3: rule 'dup': the name is taken by a rule in a.yaml:2", Assert.Single(set.Errors).ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_full_threshold_rule_reads_every_setting()
    {
        var (rules, errors) = RuleFileReader.Read("x.yaml", """
            rules:
              - name: csat-low
                kind: threshold
                severity: critical
                metric: csat
                window: 1h
                group_by: site
                sites: [north]
                below: 60
                resolve_above: 70
                min_samples: 20
                for: 10m
                route: duty
                repeat: 2h
                escalate: { after: 20m, route: managers }
                labels: { area: satisfaction }
                summary: "CSAT {{value}}"
            """);

        Assert.Empty(errors);
        var rule = Assert.Single(rules);
        Assert.Equal(new ThresholdCondition("csat", "1h", 60, null, 70, 20), rule.Threshold);
        Assert.Equal((AlertSeverity.Critical, TimeSpan.FromMinutes(10), "duty", TimeSpan.FromHours(2)), (rule.Severity, rule.For, rule.Route, rule.Repeat));
        Assert.Equal(new Escalation(TimeSpan.FromMinutes(20), "managers"), rule.Escalate);
        Assert.Equal("satisfaction", rule.Labels["area"]);
        Assert.Equal(["north"], rule.Sites);
    }
}
