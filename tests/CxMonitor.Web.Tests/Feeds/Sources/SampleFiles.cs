namespace CxMonitor.Web.Tests.Feeds.Sources;

/// <summary>The recorded feed documents in Samples/, copied beside the test assembly.</summary>
internal static class SampleFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Feeds", "Sources", "Samples", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static Stream Open(string name) => File.OpenRead(PathOf(name));

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
