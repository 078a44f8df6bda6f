using CxMonitor.Web.Alerts.Store;

namespace CxMonitor.Web.Alerts;

/// <summary>What the alert console and the wall overlay receive over SignalR (group <c>alerts</c>):
/// the alert as it is now and what just happened to it.</summary>
public sealed record AlertUpdate(long Seq, DateTimeOffset Time, string Change, AlertRecord Alert);
