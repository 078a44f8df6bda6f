using System.ComponentModel.DataAnnotations;

namespace CxMonitor.Web.Access.People;

/// <summary>Sign-in settings (<c>People:*</c>).</summary>
public sealed class PeopleOptions
{
    public const string Section = "People";

    /// <summary>Failed passwords in a row before the account is locked.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A session lasts this long after its last use (sliding).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromHours(12);

    [Range(8, 256)]
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>Sign-in attempts one client address may make per minute (refilled evenly), before
    /// any password is hashed; more get 429 with Retry-After.</summary>
    [Range(1, 100_000)]
    public int SignInsPerAddressPerMinute { get; set; } = 20;

    /// <summary>Sign-in attempts from all addresses together per minute: hashing is deliberately
    /// slow, so this bounds the CPU that sign-in can take.</summary>
    [Range(1, 1_000_000)]
    public int SignInsPerMinute { get; set; } = 60;

    /// <summary>Created at start when missing (demo mode only; see appsettings.Demo.json).</summary>
    public List<DemoUser> DemoUsers { get; set; } = [];

    public sealed class DemoUser
    {
        [Required]
        public string UserName { get; set; } = "";

        [Required]
        public string Role { get; set; } = "";

        [Required]
        public string Password { get; set; } = "";
    }
}
