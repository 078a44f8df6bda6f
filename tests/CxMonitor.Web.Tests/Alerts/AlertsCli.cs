namespace CxMonitor.Web.Tests.Alerts;

public class AlertsCli
{
    [Fact]
    public async Task Check_passes_the_shipped_rules()
    {
        var result = await CliRunner.RunRawAsync("alerts", "check");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("rules in 2 files are valid", result.Stdout);
    }

    [Fact]
    public async Task Check_prints_each_error_with_file_line_and_rule_and_fails()
    {
        var folder = AlertsApp.RuleFolder("rules:\n  - name: a\n    kind: threshold\n    metric: cast\n    window: 1h\n    below: 70\n");
        try
        {
            var result = await CliRunner.RunRawAsync("alerts", "check", folder);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("rules.yaml:4: rule 'a': unknown metric 'cast' (use csat, nps, norm, ces, stars, sentiment, negatives, volume)", result.Stderr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
