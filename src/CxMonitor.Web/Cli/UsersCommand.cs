using System.Globalization;
using CxMonitor.Web.Access.People;

namespace CxMonitor.Web.Cli;

/// <summary><c>cxmonitor users create-admin|create|list|reset-password|disable|enable</c>.</summary>
internal sealed class UsersCommand(UserStore store, TextWriter stdout, TextWriter stderr)
{
    public static void CheckUsage(CliArguments args)
    {
        switch (args.Words)
        {
            case ["users", "create-admin"] when args.Options.Keys.All(k => k == "--name"):
            case ["users", "list"] when args.Options.Count == 0:
            case ["users", "reset-password" or "disable" or "enable", _] when args.Options.Count == 0:
                return;
            case ["users", "create"]:
                if (!args.Options.ContainsKey("--name") || !args.Options.ContainsKey("--role"))
                    throw new CliUsageException("'users create' needs --name and --role (Admin, Manager, Duty or Executive; several separated by commas).");
                return;
            case ["users"]:
                throw new CliUsageException("'users' needs a subcommand: create-admin, create, list, reset-password, disable or enable.");
            case ["users", "reset-password" or "disable" or "enable"]:
                throw new CliUsageException($"'users {args.Words[1]}' needs the user name.");
            default:
                throw new CliUsageException($"Unexpected arguments for '{string.Join(' ', args.Words)}': {string.Join(' ', args.Options.Keys)}.");
        }
    }

    public Task<int> RunAsync(CliArguments args, CancellationToken ct) => args.Words[1] switch
    {
        "create-admin" => CreateAdminAsync(args.Options.GetValueOrDefault("--name", "admin"), ct),
        "create" => CreateAsync(args.Options["--name"], args.Options["--role"].Split(','), ct),
        "list" => ListAsync(ct),
        "reset-password" => ResetAsync(args.Words[2], ct),
        _ => SetDisabledAsync(args.Words[2], args.Words[1] == "disable", ct),
    };

    /// <summary>Idempotent, so the run script can call it on every start: with an admin present it
    /// only says so.</summary>
    private async Task<int> CreateAdminAsync(string name, CancellationToken ct)
    {
        if (await store.AnyActiveAdminAsync(ct))
        {
            await stderr.WriteLineAsync("An administrator exists already; 'cxmonitor users reset-password NAME' gives a new one-time password.");
            return Cli.Ok;
        }
        return await CreateAsync(name, [UserRoles.Admin], ct);
    }

    private async Task<int> CreateAsync(string name, string[] roles, CancellationToken ct)
    {
        var (account, password) = await store.CreateAsync(name, roles, ct: ct);
        await stdout.WriteLineAsync(password);
        await stdout.WriteLineAsync(
            $"Created {account.UserName} ({string.Join(", ", account.Roles)}). The password above is shown once and must be changed at the first sign-in.");
        return Cli.Ok;
    }

    private async Task<int> ListAsync(CancellationToken ct)
    {
        var rows = (await store.ListAsync(ct))
            .Select(u => new[] { u.UserName, string.Join(',', u.Roles), Time(u.CreatedAt), Time(u.LastSignInAt), Time(u.DisabledAt) }).ToList();
        rows.Insert(0, ["USER", "ROLES", "CREATED", "LAST SIGN-IN", "DISABLED"]);
        var widths = Enumerable.Range(0, 5).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            await stdout.WriteLineAsync(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        return Cli.Ok;
    }

    private async Task<int> ResetAsync(string name, CancellationToken ct)
    {
        if (await store.ResetPasswordAsync(name, ct) is not { } password)
            return await NoSuchUserAsync(name);
        await stdout.WriteLineAsync(password);
        await stdout.WriteLineAsync($"New one-time password for {name}; it must be changed at the next sign-in. The account is unlocked.");
        return Cli.Ok;
    }

    private async Task<int> SetDisabledAsync(string name, bool disabled, CancellationToken ct)
    {
        if (!await store.SetDisabledAsync(name, disabled, ct))
            return await NoSuchUserAsync(name);
        await stdout.WriteLineAsync(disabled ? $"Disabled {name}; their sessions are ended." : $"Enabled {name}.");
        return Cli.Ok;
    }

    private async Task<int> NoSuchUserAsync(string name)
    {
        await stderr.WriteLineAsync($"No user named '{name}' ('cxmonitor users list' shows them).");
        return Cli.Failed;
    }

    private static string Time(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
