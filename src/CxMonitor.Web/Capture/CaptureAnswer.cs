namespace CxMonitor.Web.Capture;

/// <summary>One answer from a terminal or a survey, as its page sends it. <c>Id</c> is the
/// page's own id (a UUID), made unique per terminal or survey before it reaches the collector.</summary>
public sealed record CaptureAnswer(string? Id, DateTimeOffset? Time, int? Score, List<string>? Reasons, string? Comment, string? Language);

/// <summary>Where answers go: one site and touchpoint, on one scale, counted under one source.</summary>
public sealed record CapturePlace(string Site, string Touchpoint, string Channel, string Scale, string Source);
