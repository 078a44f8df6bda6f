using System.Globalization;
using System.Net;
using System.Text;
using CxMonitor.Testing;
using CxMonitor.Web.Feeds;
using CxMonitor.Web.Feeds.Sources.Webhook;
using CxMonitor.Web.Tests.Ingest;

namespace CxMonitor.Web.Tests.Feeds;

/// <summary>A signed push is accepted in one exact form only, and replay protection remembers
/// the verified digest: another spelling of a signature taken before is no new message.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class FeedPushSignatureForm(InfluxdFixture influxd) : IAsyncLifetime
{
    private const string Secret = "form-push-secret";
    private IngestApp _app = null!;

    public async Task InitializeAsync() => _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(FeedPushSignatureForm)), extra: new Dictionary<string, string?>
    {
        ["Feeds:Sources:partner:Kind"] = "webhook",
        ["Feeds:Sources:partner:Site"] = "north",
        ["Feeds:Sources:partner:Platform"] = "trustpilot",
        ["Feeds:Sources:partner:Secret"] = Secret,
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Body(string id) =>
        $$"""{"reviews":[{"externalId":"{{id}}","time":"{{DateTimeOffset.UtcNow.AddMinutes(-3):O}}","stars":2,"text":"Slow"}]}""";

    public static TheoryData<string> Spellings => new()
    {
        "upper-hex", "upper-prefix", "mixed-prefix", "space-inside", "leading-space", "trailing-space", "tab",
    };

    private static string Respell(string signature, string how) => how switch
    {
        "upper-hex" => FeedPushSignature.Prefix + signature[FeedPushSignature.Prefix.Length..].ToUpperInvariant(),
        "upper-prefix" => "SHA256=" + signature[FeedPushSignature.Prefix.Length..],
        "mixed-prefix" => "Sha256=" + signature[FeedPushSignature.Prefix.Length..],
        "space-inside" => "sha256= " + signature[FeedPushSignature.Prefix.Length..],
        "leading-space" => " " + signature,
        "trailing-space" => signature + " ",
        _ => "\t" + signature,
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Only_the_exact_form_of_a_right_signature_verifies(string how)
    {
        var now = DateTimeOffset.UtcNow;
        var ts = now.ToUnixTimeSeconds();
        var body = Encoding.UTF8.GetBytes(Body("x"));
        var signature = FeedPushSignature.Sign(Secret, ts, body);
        var stamp = ts.ToString(CultureInfo.InvariantCulture);

        Assert.True(FeedPushSignature.Verify(Secret, stamp, signature, body, now).IsValid);
        Assert.False(FeedPushSignature.Verify(Secret, stamp, Respell(signature, how), body, now).IsValid);
    }

    [Theory]
    [InlineData(" {0}")]
    [InlineData("{0} ")]
    [InlineData("0{0}")]
    [InlineData("+{0}")]
    public void The_timestamp_has_one_form_too(string form)
    {
        var now = DateTimeOffset.UtcNow;
        var ts = now.ToUnixTimeSeconds();
        var body = Encoding.UTF8.GetBytes(Body("x"));

        var verdict = FeedPushSignature.Verify(Secret, string.Format(CultureInfo.InvariantCulture, form, ts), FeedPushSignature.Sign(Secret, ts, body), body, now);

        Assert.False(verdict.IsValid);
    }

    [Theory]
    [InlineData("upper-hex")]
    [InlineData("upper-prefix")]
    [InlineData("mixed-prefix")]
    public async Task Another_spelling_of_a_signature_taken_before_is_not_taken_again(string how)
    {
        var body = Body("r-" + how);
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = FeedPushSignature.Sign(Secret, ts, body);
        Assert.Equal(HttpStatusCode.Accepted, (await PushAsync(body, ts, signature)).StatusCode);

        var replay = await PushAsync(body, ts, Respell(signature, how));

        Assert.NotEqual(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal("application/problem+json", replay.Content.Headers.ContentType?.MediaType);
    }

    private Task<HttpResponseMessage> PushAsync(string body, long ts, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/feeds/partner/push") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(FeedsApi.TimestampHeader, ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(FeedsApi.SignatureHeader, signature);
        return _app.Factory.CreateClient().SendAsync(request);
    }
}
