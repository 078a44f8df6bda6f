namespace CxMonitor.Web.Access;

/// <summary>Endpoint metadata: this endpoint answers with its own content security policy
/// instead of <see cref="SecurityHeaders.ContentSecurityPolicy"/>. Only for pages we do not write
/// ourselves (the jobs dashboard); every other header stays.</summary>
public sealed record ContentSecurityPolicyMetadata(string Policy);
