using System.Net;
using System.Text;
using CxMonitor.Testing;
using CxMonitor.Web.Tests.Ingest;

namespace CxMonitor.Web.Tests.Feeds;

[Collection(InfluxdCollection.Name)]
public sealed class ReviewImport(InfluxdFixture influxd) : IAsyncLifetime
{
    private IngestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(ReviewImport)), port: FreePort.Next());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Csv(int rows, int first = 0)
    {
        var sb = new StringBuilder("externalId,time,stars,title,text,author,url,language,site\r\n");
        var time = DateTimeOffset.UtcNow.AddDays(-1).ToString("O");
        for (var i = first; i < first + rows; i++)
            sb.Append($"imp-{i},{time},{1 + (i % 5)},,\"Line one, with a comma\nand \"\"quotes\"\"\",Ann,,en,{(i % 2 == 0 ? "north" : "south")}\r\n");
        return sb.ToString();
    }

    [Fact]
    public async Task An_upload_is_stored_once_even_when_imported_twice_and_bad_rows_are_named()
    {
        var client = await _app.ClientWithKeyAsync();
        var body = Csv(12_000) + "imp-bad,not-a-time,3,,x,,,,north\r\n" + $"imp-bad2,{DateTimeOffset.UtcNow.AddHours(-1):O},9,,x,,,,north\r\n";

        var first = await client.PostAsync("/api/v1/reviews/import?mapping=reviews-csv&platform=survey-export", new StringContent(body, Encoding.UTF8, "text/csv"));
        var again = await client.PostAsync("/api/v1/reviews/import?mapping=reviews-csv&platform=survey-export", new StringContent(body, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var summary = await first.JsonAsync();
        Assert.Equal((12_002, 12_000, 2), (summary.GetProperty("seen").GetInt32(), summary.GetProperty("new").GetInt32(), summary.GetProperty("rejectedCount").GetInt32()));
        var errors = summary.GetProperty("rejected").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("time", errors);
        Assert.Contains("stars", errors);
        Assert.Equal(12_000, (await again.JsonAsync()).GetProperty("duplicates").GetInt32());
        Assert.Equal(12_000, await _app.WaitForCountAsync("review", 12_000, TimeSpan.FromSeconds(30), field: "n"));
    }

    [Fact]
    public async Task A_key_may_import_only_its_own_sites_and_a_missing_column_is_named()
    {
        var northOnly = await _app.ClientWithKeyAsync("north");

        var mixed = await (await northOnly.PostAsync("/api/v1/reviews/import?mapping=reviews-csv&platform=survey-export", new StringContent(Csv(4), Encoding.UTF8, "text/csv"))).JsonAsync();
        var wrong = await northOnly.PostAsync("/api/v1/reviews/import?mapping=google-play-csv&site=north", new StringContent(Csv(1), Encoding.UTF8, "text/csv"));
        var unknown = await northOnly.PostAsync("/api/v1/reviews/import?mapping=nope", new StringContent(Csv(1), Encoding.UTF8, "text/csv"));

        Assert.Equal((2, 2), (mixed.GetProperty("new").GetInt32(), mixed.GetProperty("rejectedCount").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Review Last Update Millis Since Epoch", (await wrong.JsonAsync()).GetProperty("detail").GetString());
        Assert.Contains("google-play-csv", (await unknown.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_cli_imports_a_utf16_google_play_export_through_the_running_app()
    {
        await _app.ClientWithKeyAsync("north");
        var file = Path.Combine(Path.GetTempPath(), $"play-{Guid.NewGuid():N}.csv");
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Feeds", "Sources", "Samples", "google-play.csv"));
        // The recorded sample's reviews are from early November; move them into the retention window's recent past.
        await File.WriteAllTextAsync(file, sample, new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        Environment.SetEnvironmentVariable("CXMONITOR_API_KEY", _app.LastKey);
        try
        {
            var result = await CliRunner.RunRawAsync("reviews", "import", file, "--mapping", "google-play-csv", "--site", "north", "--url", _app.BaseAddress.ToString());

            Assert.Equal(0, result.ExitCode);
            Assert.Matches(@"^\d+ rows in [\d.]+ s: \d+ new, 0 updated, 0 unchanged, 0 rejected", result.Stdout);
            var again = await CliRunner.RunRawAsync("reviews", "import", file, "--mapping", "google-play-csv", "--site", "north", "--url", _app.BaseAddress.ToString());
            Assert.Contains(" 0 new, 0 updated,", again.Stdout);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CXMONITOR_API_KEY", null);
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_cli_says_what_is_missing()
    {
        Environment.SetEnvironmentVariable("CXMONITOR_API_KEY", null);
        var noKey = await CliRunner.RunRawAsync("reviews", "import", "/etc/hostname", "--mapping", "reviews-csv");
        var noMapping = await CliRunner.RunRawAsync("reviews", "import", "/etc/hostname");

        Assert.Equal((1, 2), (noKey.ExitCode, noMapping.ExitCode));
        Assert.Contains("CXMONITOR_API_KEY", noKey.Stderr);
        Assert.Contains("--mapping", noMapping.Stderr);
    }
}
