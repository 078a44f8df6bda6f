using System.Net.Http.Headers;
using System.Text.Json;
using CxMonitor.Web.Access;

namespace CxMonitor.Web.Cli;

/// <summary><c>cxmonitor reviews import FILE --mapping NAME</c>: sends a CSV/TSV export to the
/// running app's import endpoint, which checks and stores it exactly as an upload on the admin
/// page, so the rules, the site scope of the key and the duplicate detection are one.</summary>
internal static class ReviewsCommand
{
    public const string KeyVariable = "CXMONITOR_API_KEY";

    public static void CheckUsage(CliArguments args)
    {
        if (args.Words is not ["reviews", "import", _] || !args.Options.ContainsKey("--mapping"))
            throw new CliUsageException("Use 'cxmonitor reviews import FILE --mapping NAME [--site SITE] [--platform NAME] [--encoding NAME] [--url APP_URL]' with the API key in " + KeyVariable + ".");
    }

    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var file = args.Words[2];
        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"{file}: no such file.");
            return Cli.Failed;
        }
        // The key comes from the environment, not the command line, which other users can see.
        var key = Environment.GetEnvironmentVariable(KeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            await stderr.WriteLineAsync($"Set {KeyVariable} to an API key that may write the file's sites (cxmonitor keys create).");
            return Cli.Failed;
        }
        var app = args.Options.GetValueOrDefault("--url") ?? Environment.GetEnvironmentVariable("CXMONITOR_URL") ?? "http://localhost:5080";
        var query = string.Join('&', new[] { ("mapping", args.Options["--mapping"]), ("site", args.Options.GetValueOrDefault("--site")), ("platform", args.Options.GetValueOrDefault("--platform")), ("encoding", args.Options.GetValueOrDefault("--encoding")) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        using var http = new HttpClient { BaseAddress = new Uri(app), Timeout = Timeout.InfiniteTimeSpan };
        await using var body = File.OpenRead(file);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reviews/import?" + query) { Content = new StreamContent(body, 1 << 16) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        request.Headers.Add(ApiKeyDefaults.Header, key);
        var started = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            await stderr.WriteLineAsync($"Could not reach CxMonitor at {app}: {ex.Message} (set --url or CXMONITOR_URL).");
            return Cli.Failed;
        }
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var root = json.RootElement;
        if (!response.IsSuccessStatusCode)
        {
            await stderr.WriteLineAsync($"{(int)response.StatusCode}: {(root.TryGetProperty("detail", out var d) ? d.GetString() : root.ToString())}");
            return Cli.Failed;
        }
        await stdout.WriteLineAsync(
            $"{root.GetProperty("seen").GetInt32()} rows in {started.Elapsed.TotalSeconds:0.0} s: {root.GetProperty("new").GetInt32()} new, {root.GetProperty("updated").GetInt32()} updated, "
            + $"{root.GetProperty("duplicates").GetInt32()} unchanged, {root.GetProperty("rejectedCount").GetInt32()} rejected");
        foreach (var e in root.GetProperty("rejected").EnumerateArray())
            await stderr.WriteLineAsync($"  row {e.GetProperty("index").GetInt32() + 1}, {e.GetProperty("path").GetString()}: {e.GetProperty("error").GetString()}");
        return root.GetProperty("rejectedCount").GetInt32() > 0 ? Cli.Failed : Cli.Ok;
    }
}
