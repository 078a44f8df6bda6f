namespace CxMonitor.Web.Access;

/// <summary>Endpoint metadata: a signed-in person whose role may not use this endpoint gets 403
/// here instead of a redirect to the /forbidden page. For pages that are not ours (the jobs
/// dashboard), whose own scripts poll the same path and cannot read a redirect; a visitor without
/// a session is still sent to the sign-in page.</summary>
public sealed record RefusedWithoutRedirect;
