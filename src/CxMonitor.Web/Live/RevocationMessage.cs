using StackExchange.Redis;

namespace CxMonitor.Web.Live;

/// <summary>What goes on the Redis channel <c>cxmonitor:revoked</c> (under
/// <see cref="LiveRedis.ChannelPrefix"/>): <c>sender|kind|id</c>, the sender a process's own id so
/// a node ignores what it sent itself. Written by every node (<see cref="RevocationShare"/>) and by
/// the CLI (<c>Cli/RevocationNotice</c>), read by every node.</summary>
internal static class RevocationMessage
{
    public static readonly RedisChannel Channel = RedisChannel.Literal(":revoked");

    public const string Key = "key";
    public const string Display = "display";
    public const string Terminal = "terminal";

    /// <summary>Sessions ended (sign-out, a person disabled): no id, every node checks its connections.</summary>
    public const string Session = "session";

    public static string Format(string sender, string kind, string id) => $"{sender}|{kind}|{id}";

    public static bool TryParse(RedisValue message, out string sender, out string kind, out string id)
    {
        if (((string?)message)?.Split('|', 3) is [var s, var k, var i])
        {
            (sender, kind, id) = (s, k, i);
            return true;
        }
        (sender, kind, id) = ("", "", "");
        return false;
    }
}
