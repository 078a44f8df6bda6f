using CxMonitor.Web.Alerts;

namespace CxMonitor.Web.Tests.Alerts;

/// <summary>The built-in wording of every rule kind in English, Russian and Ukrainian, from the
/// same alerts.json the browser imports: figures in each language's own form, names for ids.</summary>
public class AlertWordingInThreeLanguages
{
    private static readonly AlertWording Wording = new(
        AlertWording.Read(Path.Combine(AppContext.BaseDirectory, "wwwroot", "js", "lang", "alerts.json")), sites: null);

    private static readonly Dictionary<string, string> None = [];

    [Theory]
    [InlineData("threshold", "site:north", "metric=csat;window=1h;value=33.3;bound=50;n=160", "ru", "CSAT в «north» (последний час): 33,3 % (граница 50 %, n = 160)")]
    [InlineData("threshold", "site:north", "metric=nps;window=7d;value=-12.5;bound=0;n=80", "uk", "NPS у «north» (останні 7 днів): -12,5 (межа 0, n = 80)")]
    [InlineData("drop", "site:north", "window=today;value=61.2;baseline=80;change=-18.8;p=0.0001;n=120", "en", "CSAT at north (today): 61.2 %, -18.8 points against its usual 80 %")]
    [InlineData("burst", "site-touchpoint:north/checkout", "value=9;n=40;share=22.5;usual=8;within=15 min;bound=5", "ru", "Недовольные клиенты в «north · касса» за 15 мин: 9 из 40 (22,5 %, обычно 8 %)")]
    [InlineData("burst", "touchpoint:checkout", "value=6;bound=5;within=15 min", "uk", "Незадоволені клієнти у «каса» за 15 хв: 6")]
    [InlineData("event", "site:north", "value=1;reasons=keyword,score;keyword=отравился;match=x", "uk", "Відповідь клієнта у «north»: «отравился», оцінка 1")]
    [InlineData("event", "all", "value=2;reasons=vip;match=x", "en", "Customer answer at all sites: VIP customer")]
    [InlineData("silence", "site:north", "value=14 min;bound=10 min", "ru", "Нет оценок из «north» уже 14 мин в часы работы")]
    [InlineData("review_spike", "site:north", "value=6;bound=6;within=20 min", "uk", "Негативні відгуки про «north» за 20 хв: 6")]
    public void Every_kind_is_worded_in_the_readers_language_without_a_template_of_its_own(string kind, string scope, string values, string language, string expected)
    {
        var facts = new AlertFacts("r", kind, scope, Values(values), None, None);

        Assert.Equal(expected, Wording.Render(facts, language).Summary);
    }

    [Fact]
    public void The_rule_authors_text_in_the_readers_language_comes_first_then_the_built_in_then_the_authors_english()
    {
        var facts = new AlertFacts("poisoning", "event", "site:north", Values("value=1;reasons=keyword;keyword=food poisoning;match=\"food poisoning\";text=so ill"),
            new Dictionary<string, string> { ["en"] = "Poisoning at {{site}}: {{match}}", ["ru"] = "Отравление в «{{site}}»: {{match}}" },
            new Dictionary<string, string> { ["en"] = "“{{text}}”" });

        Assert.Equal("Отравление в «north»: «food poisoning»", Wording.Render(facts, "ru").Summary);
        Assert.Equal("Відповідь клієнта у «north»: «food poisoning»", Wording.Render(facts, "uk").Summary);
        Assert.Equal("Poisoning at north: “food poisoning”", Wording.Render(facts, "en").Summary);
        Assert.Equal("Poisoning at north: “food poisoning”", Wording.Render(facts, "de").Summary);
        Assert.Equal("“so ill”", Wording.Render(facts, "uk").Description);
    }

    [Fact]
    public void An_alert_from_before_alerts_carried_their_kind_keeps_its_stored_summary()
    {
        var facts = new AlertFacts("old", null, "site:north", Values("value=3"), None, None, Stored: "Old summary at north");

        Assert.All(Wording.All(facts).Values, t => Assert.Equal("Old summary at north", t.Summary));
    }

    [Fact]
    public void Every_language_has_every_word_of_the_english_one()
    {
        var words = AlertWording.Read(Path.Combine(AppContext.BaseDirectory, "wwwroot", "js", "lang", "alerts.json"));

        Assert.Equal(AlertWording.Languages.Order(), words.Keys.Order());
        foreach (var language in AlertWording.Languages)
            Assert.Equal(words["en"].Keys.Order(), words[language].Keys.Order());
    }

    private static Dictionary<string, string> Values(string pairs) =>
        pairs.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}
