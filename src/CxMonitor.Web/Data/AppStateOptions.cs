namespace CxMonitor.Web.Data;

/// <summary>Where CxMonitor keeps its own state (sites, API keys, alerts, …). Bound from the
/// <c>State</c> section (environment: <c>State__Directory</c>).</summary>
public sealed class AppStateOptions
{
    public const string Section = "State";

    public const string FileName = "cxmonitor.db";

    /// <summary>Folder of the SQLite file, created when missing; relative paths are under the
    /// content root, and an empty value means <c>data/</c> there.</summary>
    public string Directory { get; set; } = "";

    public string DatabasePath => Path.Combine(Directory, FileName);
}
