namespace CxMonitor.Web.Access.People;

/// <summary>What a person may do. A person may hold several roles.</summary>
public static class UserRoles
{
    /// <summary>Everything, including people, keys, sites, boards and channels.</summary>
    public const string Admin = "Admin";

    /// <summary>Service managers: walls, alerts and trends of their business.</summary>
    public const string Manager = "Manager";

    /// <summary>Duty staff: work alerts.</summary>
    public const string Duty = "Duty";

    /// <summary>Executives: trends and league tables.</summary>
    public const string Executive = "Executive";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, Duty, Executive];

    /// <summary>The canonical spelling of a role name typed in any case, or null if there is no such role.</summary>
    public static string? Canonical(string name) =>
        All.FirstOrDefault(r => string.Equals(r, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
