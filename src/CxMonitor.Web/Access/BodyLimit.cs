using Microsoft.AspNetCore.Http.Metadata;

namespace CxMonitor.Web.Access;

/// <summary>The largest request body an endpoint accepts. Routing hands it to the server
/// (Kestrel's per-request limit), and <see cref="BodyLimitMiddleware"/> answers 413 problem
/// details naming it.</summary>
public sealed class BodyLimitMetadata(long bytes) : IRequestSizeLimitMetadata
{
    public long Bytes { get; } = bytes;

    long? IRequestSizeLimitMetadata.MaxRequestBodySize => Bytes;
}

public static class BodyLimit
{
    public static RouteHandlerBuilder WithBodyLimit(this RouteHandlerBuilder builder, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        return builder.WithMetadata(new BodyLimitMetadata(bytes));
    }

    internal static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MiB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KiB",
        _ => $"{bytes} bytes",
    };
}
