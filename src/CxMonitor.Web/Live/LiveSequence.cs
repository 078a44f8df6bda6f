namespace CxMonitor.Web.Live;

/// <summary>One increasing sequence for every live message of this process.</summary>
public sealed class LiveSequence
{
    private long _seq;

    /// <summary>Identifies this process: a client that sees another build reloads itself.</summary>
    public string Build { get; } = typeof(LiveSequence).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    public long Next() => Interlocked.Increment(ref _seq);

    public long Current => Interlocked.Read(ref _seq);
}
