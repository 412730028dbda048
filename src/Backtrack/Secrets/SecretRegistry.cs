namespace Backtrack.Secrets;

/// <summary>
/// The secrets of this process, learned where the program sees them: the config (Postgres password,
/// webhook URL, configured secrets), container inspection and recorded release specs (values of
/// variables whose names mark them secret). Every output redacts through <see cref="Redact"/>.
/// Process-wide because output leaves through many doors (console, JSON, journal, webhook, reports)
/// and a secret seen by any part must be hidden by all.
/// </summary>
public static class SecretRegistry
{
    /// <summary>Flags, not secrets: redacting them would blank out every "true" and every digit.</summary>
    private static readonly HashSet<string> Flags = new(["true", "false", "yes", "no", "on", "off"], StringComparer.OrdinalIgnoreCase);

    private static readonly Lock Gate = new();
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Values = new(StringComparer.Ordinal);
    private static SecretRedactor? redactor = SecretRedactor.None;

    /// <summary>The redactor for every secret learned so far; rebuilt only after something new was learned.</summary>
    public static SecretRedactor Current
    {
        get
        {
            lock (Gate)
            {
                return redactor ??= new SecretRedactor(Values);
            }
        }
    }

    public static string Redact(string text) => Current.Redact(text);

    /// <summary>Variable names configured as secret besides those <see cref="SecretNames"/> recognises.</summary>
    public static void AddNames(IEnumerable<string> names)
    {
        lock (Gate)
        {
            Names.UnionWith(names);
        }
    }

    /// <summary>A secret value; each line of a multi-line one (a PEM key) too, as output is redacted line by line.</summary>
    public static void AddValue(string value)
    {
        var lines = value.Split('\n').Select(l => l.TrimEnd('\r'));
        lock (Gate)
        {
            foreach (var secret in lines.Prepend(value).Where(s => s.Trim().Length > 1 && !Flags.Contains(s)))
            {
                if (Values.Add(secret))
                {
                    redactor = null;
                }
            }
        }
    }

    /// <summary>The values of the "NAME=value" entries whose names mark them secret; other values are never printed, so never redacted.</summary>
    public static void AddEnv(IEnumerable<string> env)
    {
        foreach (var entry in env)
        {
            var (name, value) = entry.Split('=', 2) is [var n, var v] ? (n, v) : (entry, "");
            if (IsSecretName(name))
            {
                AddValue(value);
            }
        }
    }

    private static bool IsSecretName(string name)
    {
        lock (Gate)
        {
            return Names.Contains(name) || SecretNames.IsSecret(name);
        }
    }
}
