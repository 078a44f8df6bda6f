namespace CxMonitor.Influx.Write;

/// <summary>A point that InfluxDB would reject or store differently than given; thrown before
/// anything is sent so the caller learns which point and which part is wrong.</summary>
public sealed class LineProtocolException : ArgumentException
{
    public LineProtocolException(string message)
        : base(message)
    {
    }
}
