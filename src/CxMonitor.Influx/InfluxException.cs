using System.Net;

namespace CxMonitor.Influx;

/// <summary>The server refused a request, or could not be reached. The message carries
/// the server's own error text so callers can show it.</summary>
public class InfluxException : Exception
{
    public InfluxException(string message, HttpStatusCode? statusCode = null, Exception? inner = null, TimeSpan? retryAfter = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>Null when no HTTP response was received (network error, timeout).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>How long the server asked callers to wait (its Retry-After header, typically on 429
    /// and 503), so that a caller retrying on its own honours it too.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>429, 500, 503 and network errors may succeed later; other errors will not.</summary>
    public bool IsRetryable => StatusCode is null
        or HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;
}

/// <summary>Some lines of a batch were rejected (HTTP 400 on 1.x and 3 Core, 422 on 2.x). The
/// server has stored the valid lines of the same batch; retrying would not help the rest.</summary>
public sealed class InfluxPartialWriteException : InfluxException
{
    public InfluxPartialWriteException(string message, HttpStatusCode statusCode, int linesInBatch)
        : base(message, statusCode)
    {
        LinesInBatch = linesInBatch;
    }

    public int LinesInBatch { get; }
}

/// <summary>A query statement failed: either the whole request (HTTP 400) or one statement
/// (HTTP 200 with <c>results[i].error</c>).</summary>
public sealed class InfluxQueryException : InfluxException
{
    public InfluxQueryException(string message, HttpStatusCode statusCode, int? statementId)
        : base(message, statusCode)
    {
        StatementId = statementId;
    }

    public int? StatementId { get; }
}
