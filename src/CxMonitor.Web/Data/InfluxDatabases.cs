namespace CxMonitor.Web.Data;

/// <summary>Whether the raw and rollup databases are known to exist. Ratings are acknowledged
/// into the spool whatever this says; readiness reports it, and the drainer reports a write that
/// found no database so that creation runs again (someone dropped it, or InfluxDB was replaced).</summary>
public sealed class InfluxDatabases
{
    private readonly SemaphoreSlim _missing = new(0, 1);
    private readonly bool _createdByUs;
    private volatile string? _problem;

    /// <summary>With <c>Influx:CreateDatabases</c> off they are someone else's job: assumed to be
    /// there until a write says otherwise.</summary>
    public InfluxDatabases(bool createdByUs)
    {
        _createdByUs = createdByUs;
        _problem = createdByUs ? "the databases have not been created yet" : null;
    }

    /// <summary>Null when present; otherwise why not (for readiness).</summary>
    public string? Problem => _problem;

    public bool Present => _problem is null;

    public void Created() => _problem = null;

    internal void CreationFailed(string problem) => _problem = problem;

    /// <summary>A write that succeeded proves the raw database exists; when we create them, only
    /// a successful creation says both do.</summary>
    public void Written()
    {
        if (!_createdByUs)
            _problem = null;
    }

    /// <summary>Creation failed, or a write found no database: not ready, and creation runs again.</summary>
    public void Missing(string problem)
    {
        _problem = problem;
        if (_missing.CurrentCount == 0)
        {
            try
            {
                _missing.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another report got there first; one wake-up is enough.
            }
        }
    }

    internal Task WaitUntilMissingAsync(CancellationToken ct) => _missing.WaitAsync(ct);
}
