using System.Text;
using System.Text.RegularExpressions;

namespace Backtrack.Snapshots.Postgres;

/// <summary>
/// Makes pg_dumpall's globals restorable over a live server: a role or tablespace that exists already is
/// tolerated (its attributes still follow), and the role Backtrack connects as is left as it is (restoring
/// its old password would lock Backtrack out).
/// </summary>
public static partial class GlobalsScript
{
    public static string Tolerant(string globals, string connectingUser)
    {
        var self = new[] { connectingUser, PostgresSql.Identifier(connectingUser) };
        var output = new StringBuilder();
        foreach (var line in globals.Split('\n'))
        {
            if (CreateStatement().Match(line) is { Success: true } create)
            {
                if (create.Groups["kind"].Value == "ROLE" && self.Contains(create.Groups["name"].Value))
                {
                    continue;
                }

                output.Append("DO $backtrack$ BEGIN ").Append(line.TrimEnd()).Append(" EXCEPTION WHEN duplicate_object THEN NULL; END $backtrack$;\n");
            }
            else if (AlterRole().Match(line) is { Success: true } alter && self.Contains(alter.Groups["name"].Value))
            {
                continue;
            }
            else
            {
                output.Append(line).Append('\n');
            }
        }

        return output.ToString();
    }

    [GeneratedRegex(@"^CREATE (?<kind>ROLE|TABLESPACE) (?<name>""(?:[^""]|"""")+""|\S+?)[ ;]")]
    private static partial Regex CreateStatement();

    [GeneratedRegex(@"^ALTER ROLE (?<name>""(?:[^""]|"""")+""|\S+) ")]
    private static partial Regex AlterRole();
}
