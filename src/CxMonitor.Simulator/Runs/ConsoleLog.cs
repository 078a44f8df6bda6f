using System.Globalization;

namespace CxMonitor.Simulator.Runs;

internal static class ConsoleLog
{
    /// <summary>One line with a UTC time stamp: the same clock as the data and the incident plan.</summary>
    public static void Write(string message) =>
        Console.Out.WriteLine($"[{DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}Z] {message}");
}
