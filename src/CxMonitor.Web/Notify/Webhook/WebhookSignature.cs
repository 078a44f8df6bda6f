using System.Security.Cryptography;
using System.Text;

namespace CxMonitor.Web.Notify.Webhook;

/// <summary>The signature a receiver checks: HMAC-SHA256 over "timestamp.body" with the channel's
/// secret, sent as <c>X-CxMonitor-Signature: sha256=hex</c> beside <c>X-CxMonitor-Timestamp</c>
/// (Unix seconds). A receiver should also refuse timestamps more than five minutes old.</summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-CxMonitor-Timestamp";
    public const string SignatureHeader = "X-CxMonitor-Signature";
    public const string DeliveryHeader = "X-CxMonitor-Delivery";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    public static bool Verify(string secret, string timestamp, ReadOnlySpan<byte> body, string signature) =>
        long.TryParse(timestamp, out var ts)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, ts, body)), Encoding.ASCII.GetBytes(signature));
}
