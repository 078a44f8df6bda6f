using StackExchange.Redis;

namespace CxMonitor.Web.Live;

/// <summary>The Redis that several nodes share (<c>Live:Redis</c>): the SignalR backplane and the
/// data-protection key ring. Connections never fail the start: while Redis is away a node serves
/// its own walls and keeps reconnecting.</summary>
public static class LiveRedis
{
    /// <summary>Prefix of the backplane's channels, so one Redis may serve other apps too.</summary>
    public const string ChannelPrefix = "cxmonitor";

    public const string KeyRing = "cxmonitor:data-protection-keys";

    public static string? ConnectionString(IConfiguration configuration) =>
        configuration[$"{LiveOptions.Section}:{nameof(LiveOptions.Redis)}"] is { Length: > 0 } value ? value : null;

    /// <summary>Whether a command failed because Redis is away, cut off or too slow: what every
    /// caller rides out. A timeout (<see cref="RedisTimeoutException"/>) is a
    /// <see cref="TimeoutException"/>, not a <see cref="RedisException"/>: caught as the latter
    /// alone, it escaped the shares' loop and stopped the node.</summary>
    public static bool IsAway(Exception ex) => ex is RedisException or TimeoutException;

    public static ConfigurationOptions Options(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ChannelPrefix = RedisChannel.Literal(ChannelPrefix);
        return options;
    }
}
