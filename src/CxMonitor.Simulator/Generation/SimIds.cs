namespace CxMonitor.Simulator.Generation;

/// <summary>
/// Ids derived from the seed and a sequence number, never from the clock or a GUID: a re-run with
/// the same seed resends the same ids, which the server counts as duplicates rather than new ratings.
/// </summary>
public sealed class IdSequence(int seed, char stream)
{
    private long _next;

    public string Next() => $"sim-{(uint)seed:x8}-{stream}{_next++:x}";
}

public static class SimIds
{
    /// <summary>A seed for one random stream, so live and backfill data do not mirror each other.</summary>
    public static int SeedFor(int seed, char stream) => (int)Mix(((ulong)(uint)seed << 8) | stream);

    /// <summary>An opaque-looking hex token, as platforms use for review ids.</summary>
    public static string Token(int seed, char stream, long sequence) =>
        Mix(((ulong)(uint)seed << 32) ^ ((ulong)stream << 24) ^ (ulong)sequence * 0x9E3779B97F4A7C15UL).ToString("x16");

    // SplitMix64's finaliser: cheap, well-mixed and identical on every platform.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
