using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CxMonitor.Web.Access;

/// <summary>Keys look like <c>cxk_&lt;key id&gt;_&lt;secret&gt;</c>: a public 10-character id to
/// find the row, and a 256-bit random secret (base64url) of which only a hash is stored.</summary>
public static class ApiKeyFormat
{
    public const string Prefix = "cxk_";
    public const int KeyIdLength = 10;
    public const int SecretBytes = 32;

    private const string KeyIdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly int s_secretLength = Base64Url.GetEncodedLength(SecretBytes);
    private static readonly int s_keyLength = Prefix.Length + KeyIdLength + 1 + s_secretLength;

    public static (string KeyId, string Secret, string Key) Generate()
    {
        var keyId = RandomNumberGenerator.GetString(KeyIdAlphabet, KeyIdLength);
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return (keyId, secret, $"{Prefix}{keyId}_{secret}");
    }

    public static bool IsKeyId(ReadOnlySpan<char> text) =>
        text.Length == KeyIdLength && !text.ContainsAnyExcept(KeyIdAlphabet);

    /// <summary>Splits by position, not by '_': base64url secrets may contain '_' themselves.</summary>
    public static bool TryParse(string presented, out string keyId, out string secret)
    {
        keyId = secret = "";
        if (!TrySplit(presented, out var id, out var rest))
            return false;
        keyId = id.ToString();
        secret = rest.ToString();
        return true;
    }

    /// <summary>The same rule on the presented text itself, without making strings: every API
    /// request is checked (issue 19).</summary>
    public static bool TrySplit(ReadOnlySpan<char> presented, out ReadOnlySpan<char> keyId, out ReadOnlySpan<char> secret)
    {
        keyId = secret = default;
        if (presented.Length != s_keyLength || !presented.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var id = presented.Slice(Prefix.Length, KeyIdLength);
        var rest = presented[(Prefix.Length + KeyIdLength)..];
        if (!IsKeyId(id) || rest[0] != '_' || !Base64Url.IsValid(rest[1..], out var decodedLength) || decodedLength != SecretBytes)
            return false;
        keyId = id;
        secret = rest[1..];
        return true;
    }

    /// <summary>SHA-256, not PasswordHasher: the secret is 256 random bits, so no dictionary or
    /// brute-force attack applies and a slow, salted hash would only cost CPU on every request.
    /// PasswordHasher is for low-entropy, human-chosen passwords.</summary>
    public static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    /// <summary>The same hash into the caller's buffer: every API request checks one (issue 19).</summary>
    public static void HashSecret(ReadOnlySpan<char> secret, Span<byte> hash)
    {
        // A well-formed secret is 43 characters; anything longer still hashes, off the stack.
        Span<byte> ascii = secret.Length <= 64 ? stackalloc byte[64] : new byte[secret.Length];
        var length = Encoding.ASCII.GetBytes(secret, ascii);
        SHA256.HashData(ascii[..length], hash);
    }
}
