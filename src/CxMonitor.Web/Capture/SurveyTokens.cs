using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Capture;

/// <summary>The short-lived signed token a survey page (or widget) gets with its question and
/// sends back with its answer: the app's data-protection keys sign and encrypt it (shared by
/// every node, as sign-in cookies are), it names its survey, and its random nonce becomes the
/// rating's id, so one page load is one answer however often it is sent.</summary>
public sealed class SurveyTokens(IDataProtectionProvider provider, IOptions<CaptureOptions> options)
{
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("CxMonitor.Capture.SurveyToken.v1").ToTimeLimitedDataProtector();

    public (string Token, DateTimeOffset Expires) Issue(string code)
    {
        var expires = DateTimeOffset.UtcNow + options.Value.SurveyTokenLifetime;
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        return (_protector.Protect($"{code}|{nonce}", expires), expires);
    }

    /// <summary>The nonce when the token is genuine, unexpired and for this survey; otherwise why not.</summary>
    public (string? Nonce, string? Problem) Read(string? token, string code)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
            return (null, "is required: the token the survey page was given");
        string payload;
        try
        {
            payload = _protector.Unprotect(token, out _);
        }
        catch (CryptographicException)
        {
            return (null, "is expired or not genuine: reload the survey page and answer again");
        }
        var parts = payload.Split('|');
        return parts.Length == 2 && parts[0] == code ? (parts[1], null) : (null, "belongs to another survey");
    }
}
