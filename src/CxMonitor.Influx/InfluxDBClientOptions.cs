namespace CxMonitor.Influx;

/// <summary>How requests authenticate. InfluxDB 1.x uses none or user/password; 2.x's v1
/// compatibility API takes <c>Token</c>; 3 Core takes <c>Bearer</c> or <c>Token</c>.</summary>
public enum InfluxAuthScheme
{
    None,
    UserPassword,
    Token,
    Bearer,
}

/// <summary>Where and how to reach one InfluxDB server over the portable v1 HTTP subset
/// (<c>/write</c>, <c>/query</c>, <c>/ping</c>).</summary>
public sealed class InfluxDBClientOptions
{
    /// <summary>Base address, for example <c>http://localhost:8086</c>.</summary>
    public required Uri Url { get; init; }

    public InfluxAuthScheme AuthScheme { get; init; } = InfluxAuthScheme.None;

    public string? Username { get; init; }

    public string? Password { get; init; }

    public string? Token { get; init; }

    /// <summary>Per-request timeout. Retries get a fresh timeout each.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Compress write bodies with gzip (all three server generations accept it).</summary>
    public bool Gzip { get; init; }

    /// <summary>Retries of a read (SELECT, SHOW) that failed retryably, with the one backoff
    /// policy (about 1.5 s in all for two). Writes are never retried here: their callers own that.</summary>
    public int ReadRetries { get; init; } = DefaultReadRetries;

    public const int DefaultReadRetries = 2;

    /// <summary>Raises a clear error at construction rather than a confusing 401 at the first write.</summary>
    public void Validate()
    {
        if (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"Url must be an absolute http(s) address, got '{Url}'.", nameof(Url));
        switch (AuthScheme)
        {
            case InfluxAuthScheme.UserPassword when string.IsNullOrEmpty(Username):
                throw new ArgumentException("Username is required for user/password authentication.", nameof(Username));
            case InfluxAuthScheme.Token or InfluxAuthScheme.Bearer when string.IsNullOrEmpty(Token):
                throw new ArgumentException($"Token is required for {AuthScheme} authentication.", nameof(Token));
        }
        if (ReadRetries < 0)
            throw new ArgumentException("ReadRetries must not be negative.", nameof(ReadRetries));
        if (Timeout <= TimeSpan.Zero)
            throw new ArgumentException("Timeout must be positive.", nameof(Timeout));
    }
}
