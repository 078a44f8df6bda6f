using System.Globalization;
using CxMonitor.Web.Access;

namespace CxMonitor.Web.Cli;

/// <summary><c>cxmonitor keys create|list|revoke</c>.</summary>
internal sealed class KeysCommand(ApiKeyStore store, TextWriter stdout, TextWriter stderr)
{
    /// <summary>Checks the shape of the command before any service is built.</summary>
    public static void CheckUsage(CliArguments args)
    {
        switch (args.Words)
        {
            case ["keys", "create"]:
                foreach (var option in (string[])["--source", "--sites"])
                {
                    if (!args.Options.TryGetValue(option, out var value) || string.IsNullOrWhiteSpace(value))
                        throw new CliUsageException($"'keys create' needs {option}.");
                }
                return;
            case ["keys", "list"] when args.Options.Count == 0:
                return;
            case ["keys", "revoke", _] when args.Options.Count == 0:
                return;
            case ["keys", "revoke"]:
                throw new CliUsageException("'keys revoke' needs the key id, e.g. 'cxmonitor keys revoke k3x9a0b2cd'.");
            case ["keys"]:
                throw new CliUsageException("'keys' needs a subcommand: create, list or revoke.");
            case ["keys", "create" or "list" or "revoke", ..]:
                throw new CliUsageException($"Unexpected arguments for 'keys {args.Words[1]}': {string.Join(' ', args.Words.Skip(2).Concat(args.Options.Keys))}.");
            default:
                throw new CliUsageException($"Unknown subcommand 'keys {args.Words[1]}'.");
        }
    }

    public Task<int> RunAsync(CliArguments args, CancellationToken ct) => args.Words[1] switch
    {
        "create" => CreateAsync(args.Options["--source"], args.Options["--sites"], ct),
        "list" => ListAsync(ct),
        _ => RevokeAsync(args.Words[2], ct),
    };

    private async Task<int> CreateAsync(string source, string sites, CancellationToken ct)
    {
        var (info, key) = await store.CreateAsync(source, sites.Split(','), ct);
        await stdout.WriteLineAsync(key);
        await stdout.WriteLineAsync(
            $"API key {info.KeyId} for source '{info.Source}', sites {info.SitesText}. It is shown only once: store it now; it cannot be shown again.");
        return Cli.Ok;
    }

    private async Task<int> ListAsync(CancellationToken ct)
    {
        var keys = await store.ListAsync(ct);
        var rows = keys.Select(k => new[] { k.KeyId, k.Source, k.SitesText, Time(k.CreatedAt), Time(k.LastUsedAt), Time(k.RevokedAt) }).ToList();
        rows.Insert(0, ["ID", "SOURCE", "SITES", "CREATED", "LAST USED", "REVOKED"]);
        var widths = Enumerable.Range(0, 6).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            await stdout.WriteLineAsync(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        return Cli.Ok;
    }

    private async Task<int> RevokeAsync(string keyOrId, CancellationToken ct)
    {
        // Accept the whole key too: whoever holds a leaked key may only have that at hand.
        var keyId = ApiKeyFormat.TryParse(keyOrId, out var parsedId, out _) ? parsedId : keyOrId;
        if (!ApiKeyFormat.IsKeyId(keyId) || !await store.RevokeAsync(keyId, ct))
        {
            await stderr.WriteLineAsync($"No API key with id '{keyId}' ('cxmonitor keys list' shows them).");
            return Cli.Failed;
        }
        await stdout.WriteLineAsync($"Revoked API key {keyId}.");
        return Cli.Ok;
    }

    private static string Time(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
