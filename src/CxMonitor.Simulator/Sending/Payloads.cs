using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CxMonitor.Simulator.Generation;

namespace CxMonitor.Simulator.Sending;

/// <summary>The API paths and their bodies; a batch is serialised once, so a resend is byte-identical.</summary>
internal static class Payloads
{
    public const string RatingsPath = "api/v1/ratings";
    public const string ReviewsPath = "api/v1/reviews";

    // The default encoder writes every Cyrillic letter as \uXXXX: six bytes instead of two, unreadable in a capture.
    private static readonly WireJson _json = new(new JsonSerializerOptions(WireJson.Default.Options)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });

    public static byte[] Serialize(List<Rating> ratings) => JsonSerializer.SerializeToUtf8Bytes(ratings, _json.ListRating);

    public static byte[] Serialize(List<Review> reviews) => JsonSerializer.SerializeToUtf8Bytes(reviews, _json.ListReview);

    public static string PushPath(string feed) => $"api/v1/feeds/{Uri.EscapeDataString(feed)}/push";

    /// <summary>A signed push feed's body: <c>{"reviews":[…]}</c>, the review fields as the reviews API names them.</summary>
    public static byte[] PushBody(List<Review> reviews) => [.. "{\"reviews\":"u8, .. Serialize(reviews), .. "}"u8];

    public static HttpClient CreateClient(Uri baseAddress, int parallel) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = parallel + 1,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestHeaders = { { "User-Agent", "cxmonitor-simulator" } },
        };
}
