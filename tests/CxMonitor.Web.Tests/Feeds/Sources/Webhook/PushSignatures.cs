using System.Text;
using CxMonitor.Web.Feeds.Sources.Webhook;

namespace CxMonitor.Web.Tests.Feeds.Sources.Webhook;

public class PushSignatures
{
    const string Secret = "whsec_4f9c2b7e1d8a";
    static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);
    static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"reviews":[{"externalId":"r-1","stars":5,"text":"Дякую!"}]}""");

    static FeedPushVerification Verify(string secret, long timestamp, string? signature, byte[] body) =>
        FeedPushSignature.Verify(secret, timestamp.ToString(), signature, body, Now);

    [Fact]
    public void The_signature_is_the_hex_hmac_of_timestamp_dot_body()
    {
        // Computed independently: printf '1795000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_4f9c2b7e1d8a
        Assert.Equal("sha256=d6416bc6db9d07b1c87e4b88ca373bfeade9383adbc5d0efad7d4675b2cf9556",
            FeedPushSignature.Sign(Secret, 1_795_000_000, "{\"a\":1}"));
    }

    [Fact]
    public void A_body_signed_with_the_secret_just_now_is_valid()
    {
        var timestamp = Now.ToUnixTimeSeconds() - 30;

        var result = Verify(Secret, timestamp, FeedPushSignature.Sign(Secret, timestamp, Body), Body);

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void A_body_signed_with_another_secret_is_a_mismatch()
    {
        var timestamp = Now.ToUnixTimeSeconds();

        var result = Verify(Secret, timestamp, FeedPushSignature.Sign("whsec_someone_else", timestamp, Body), Body);

        Assert.Equal(FeedPushRejection.SignatureMismatch, result.Rejection);
    }

    [Fact]
    public void A_body_changed_after_signing_is_a_mismatch()
    {
        var timestamp = Now.ToUnixTimeSeconds();
        var signature = FeedPushSignature.Sign(Secret, timestamp, Body);
        var tampered = Encoding.UTF8.GetBytes("""{"reviews":[{"externalId":"r-1","stars":1,"text":"Дякую!"}]}""");

        Assert.Equal(FeedPushRejection.SignatureMismatch, Verify(Secret, timestamp, signature, tampered).Rejection);
    }

    [Fact]
    public void A_signature_moved_to_another_timestamp_is_a_mismatch()
    {
        var signature = FeedPushSignature.Sign(Secret, Now.ToUnixTimeSeconds() - 60, Body);

        Assert.Equal(FeedPushRejection.SignatureMismatch, Verify(Secret, Now.ToUnixTimeSeconds(), signature, Body).Rejection);
    }

    [Theory]
    [InlineData(-301, FeedPushRejection.Stale)]
    [InlineData(-3600, FeedPushRejection.Stale)]
    [InlineData(301, FeedPushRejection.FromTheFuture)]
    [InlineData(-299, FeedPushRejection.None)]
    [InlineData(299, FeedPushRejection.None)]
    public void Only_timestamps_within_five_minutes_of_now_are_accepted(int secondsFromNow, FeedPushRejection expected)
    {
        var timestamp = Now.ToUnixTimeSeconds() + secondsFromNow;

        var result = Verify(Secret, timestamp, FeedPushSignature.Sign(Secret, timestamp, Body), Body);

        Assert.Equal(expected, result.Rejection);
    }

    [Theory]
    [InlineData(null, "sha256=00", FeedPushRejection.MissingTimestamp)]
    [InlineData("1795000000", null, FeedPushRejection.MissingSignature)]
    [InlineData("2026-11-22T10:00:00Z", "sha256=00", FeedPushRejection.BadTimestamp)]
    [InlineData("-5", "sha256=00", FeedPushRejection.BadTimestamp)]
    [InlineData("1795000000", "md5=abcdef", FeedPushRejection.BadSignatureFormat)]
    [InlineData("1795000000", "sha256=zz", FeedPushRejection.BadSignatureFormat)]
    public void Malformed_headers_are_refused_saying_which(string? timestamp, string? signature, FeedPushRejection expected)
    {
        var result = FeedPushSignature.Verify(Secret, timestamp, signature, Body, Now);

        Assert.Equal(expected, result.Rejection);
        Assert.False(result.IsValid);
    }
}
