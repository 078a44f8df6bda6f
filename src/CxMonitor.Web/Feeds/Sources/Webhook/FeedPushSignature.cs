using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CxMonitor.Web.Feeds.Sources.Webhook;

/// <summary>Why a pushed batch of reviews was refused, so the sender can be told what to fix.</summary>
public enum FeedPushRejection
{
    None,
    MissingTimestamp,
    MissingSignature,
    BadTimestamp,
    BadSignatureFormat,
    Stale,
    FromTheFuture,
    SignatureMismatch,
}

public sealed record FeedPushVerification(FeedPushRejection Rejection, string Message)
{
    public bool IsValid => Rejection == FeedPushRejection.None;

    /// <summary>The verified HMAC in lower-case hex: what replay protection remembers, so no
    /// other spelling of one signature counts as a new message.</summary>
    public string? Digest { get; init; }
}

/// <summary>The signature on a pushed batch: <c>sha256=</c> and the hex HMAC-SHA256, keyed with the
/// feed's secret, of the unix-seconds timestamp, a '.', and the body's bytes. Signing the
/// timestamp with the body is what keeps an old, captured request from being replayed later.</summary>
public static class FeedPushSignature
{
    public const string Prefix = "sha256=";
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Mac(secret, timestamp, body));

    public static string Sign(string secret, long timestamp, string body) => Sign(secret, timestamp, Encoding.UTF8.GetBytes(body));

    public static FeedPushVerification Verify(string secret, string? timestampHeader, string? signatureHeader,
        ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        var window = tolerance ?? DefaultTolerance;
        if (string.IsNullOrWhiteSpace(timestampHeader))
            return Reject(FeedPushRejection.MissingTimestamp, "The timestamp header is missing.");
        if (string.IsNullOrWhiteSpace(signatureHeader))
            return Reject(FeedPushRejection.MissingSignature, "The signature header is missing.");
        // One exact form only: digits as the sender signed them, no spaces, no leading zeros.
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || timestamp > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || timestampHeader != timestamp.ToString(CultureInfo.InvariantCulture))
            return Reject(FeedPushRejection.BadTimestamp, $"The timestamp '{timestampHeader}' is not a count of unix seconds.");
        var age = now - DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if (age > window)
            return Reject(FeedPushRejection.Stale, $"The timestamp is {(int)age.TotalSeconds} s old; at most {(int)window.TotalSeconds} s is accepted.");
        if (-age > window)
            return Reject(FeedPushRejection.FromTheFuture, $"The timestamp is {(int)(-age).TotalSeconds} s ahead of this server's clock; at most {(int)window.TotalSeconds} s is accepted.");
        // One exact form: lower-case 'sha256=' and 64 lower-case hex digits, nothing around them.
        // Every other spelling of the same digest is refused, so none can pass as a new message.
        if (!IsExactForm(signatureHeader))
            return Reject(FeedPushRejection.BadSignatureFormat, "The signature header is not 'sha256=' followed by 64 lower-case hex digits.");
        var given = Convert.FromHexString(signatureHeader.AsSpan(Prefix.Length));
        // Constant-time, so that the time a refusal takes tells nothing about how close a guess was.
        return CryptographicOperations.FixedTimeEquals(given, Mac(secret, timestamp, body))
            ? new FeedPushVerification(FeedPushRejection.None, "The signature is valid.") { Digest = Convert.ToHexStringLower(given) }
            : Reject(FeedPushRejection.SignatureMismatch, "The signature does not match the body and timestamp for this feed's secret.");
    }

    static bool IsExactForm(string header) =>
        header.Length == Prefix.Length + 64 && header.StartsWith(Prefix, StringComparison.Ordinal)
        && header.AsSpan(Prefix.Length).IndexOfAnyExcept("0123456789abcdef") < 0;

    static FeedPushVerification Reject(FeedPushRejection why, string message) => new(why, message);

    static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
