using System.Text;

namespace CxMonitor.Web.Access.People;

/// <summary>What a new password must not be (ASVS 2.1.7, 2.1.9): shorter than the minimum, one of
/// the shipped common passwords (also behind digits, symbols and leet spellings), a run such as
/// <c>aaaaaaaaaaaa</c> or <c>abcdefghijkl</c>, or the person's own name with a little added.
/// No composition rules: a long passphrase of plain words is fine.</summary>
public static class PasswordRules
{
    private static readonly Lazy<HashSet<string>> s_common = new(LoadCommon);

    // Runs people type instead of a password: the alphabet, digits and keyboard rows, both ways.
    private static readonly string[] s_runs =
    [
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "0123456789012345678901234567890",
        "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm", "qwertzuiopasdfghjklyxcvbnmqwertzuiop", "azertyuiopqsdfghjklmwxcvbnazertyuiop",
    ];

    /// <summary>Null if the password may be used, else the problem, naming the field.</summary>
    public static string? Problem(string password, int minLength, params string?[] names)
    {
        if (password.Length < minLength)
            return $"password: must be at least {minLength} characters long.";
        var lower = password.ToLowerInvariant();
        if (lower.Distinct().Count() < 5)
            return "password: uses too few different characters; a few unrelated words make a strong password.";
        if (s_runs.Any(run => run.Contains(lower, StringComparison.Ordinal) || Reverse(run).Contains(lower, StringComparison.Ordinal)))
            return "password: is a run of letters, digits or keys; a few unrelated words make a strong password.";
        if (IsCommon(lower))
            return "password: is one of the most common passwords; a few unrelated words make a strong password.";
        if (IsNameDerived(lower, minLength, names))
            return "password: is built on the user name or display name; a few unrelated words make a strong password.";
        return null;
    }

    private static bool IsCommon(string lower)
    {
        var common = s_common.Value;
        if (common.Contains(lower))
            return true;
        var core = lower.Trim(DigitsAndSymbols);
        return core.Length > 0 && (common.Contains(core) || common.Contains(Unleet(core)) || common.Contains(Unleet(lower).Trim(DigitsAndSymbols)));
    }

    /// <summary>What is left after taking out every part of the names must itself be a password's
    /// worth: six letters, or the minimum length.</summary>
    private static bool IsNameDerived(string lower, int minLength, string?[] names)
    {
        var parts = names.Where(n => !string.IsNullOrWhiteSpace(n))
            .SelectMany(n => n!.ToLowerInvariant().Split([' ', '.', '_', '-', '@'], StringSplitOptions.RemoveEmptyEntries).Append(n.ToLowerInvariant()))
            .Append("cxmonitor")
            .Where(p => p.Length >= 3).Select(Unleet).Distinct().OrderByDescending(p => p.Length).ToArray();
        var rest = Unleet(lower);
        var found = false;
        foreach (var part in parts)
        {
            if (rest.Contains(part, StringComparison.Ordinal))
            {
                rest = rest.Replace(part, "", StringComparison.Ordinal);
                found = true;
            }
        }
        return found && rest.Count(char.IsLetter) < 6 && rest.Length < minLength;
    }

    private static char[] DigitsAndSymbols { get; } = "0123456789!@#$%^&*()_+-=[]{};:'\",.<>/?\\|`~ ".ToCharArray();

    private static string Unleet(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '@' or '4' => 'a', '0' => 'o', '1' or '!' => 'i', '3' => 'e', '$' or '5' => 's', '7' => 't', '8' => 'b', _ => c,
            });
        }
        return builder.ToString();
    }

    private static string Reverse(string text) => new([.. text.Reverse()]);

    private static HashSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords.txt resource is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
                set.Add(line.Trim());
        }
        return set;
    }
}
