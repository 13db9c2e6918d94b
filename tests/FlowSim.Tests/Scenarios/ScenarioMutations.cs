using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace FlowSim.Tests.Scenarios;

/// <summary>
/// Random scenarios for property tests: the bundled scenarios (and a small single-item one) with
/// their text, values or bytes mutated the way typos, bad exports and hostile files do.
/// </summary>
internal static partial class ScenarioMutations
{
    /// <summary>The starting points: every bundled scenario and a small single-item one.</summary>
    public static string[] Seeds { get; } =
    [
        .. Directory.GetFiles(RepoFiles.Path("scenarios"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText),
        TestScenarios.SingleItem(),
        TestScenarios.SingleItem(leadTime: "{ dist: gamma, mean: 5d, cv: 40% }", warmup: "30d", patience: "1w",
            item: "unit_cost: 4\n    price: 10\n    shelf_life: 20d",
            strategies: "  - name: b\n    policy: buffer\n    rule: s-S\n    service_level: 95%\n  - name: dr\n    policy: demand-responsive\n  - name: sp\n    policy: speculative\n    batches: [{ at: 0d, quantity: newsvendor }]\n"),
    ];

    // Values a planner, a spreadsheet export or an attacker might put where a number belongs.
    private static readonly string[] HostileNumbers =
        ["0", "-1", "-0", "1e300", "1e12", "1e13", ".nan", ".inf", "-.inf", "NaN", "Infinity", "1e-300", "", "~", "null", "99999999999999999999", "0x10", "1_000", "3.5", "1,5"];

    // Values that keep a scenario plausible, so many mutants still load and can be simulated.
    private static readonly string[] PlausibleNumbers = ["0", "1", "2", "0.5", "3", "7", "12", "40", "95", "1000", "0.25", "9"];

    // Valid but extreme values: tiny capacities and component quantities, huge spreads, near-certain service.
    private static readonly string[] ExtremeNumbers = ["0", "1e-9", "1e12", "1e9", "0.9999", "99", "1e-6", "0.001", "1000000"];

    /// <summary>Numbers replaced by extreme ones: what loads must still simulate, quickly and to finite outputs.</summary>
    public static Gen<string> Extreme { get; } =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Select(Gen.Int[0, int.MaxValue - 1], Gen.Int[0, ExtremeNumbers.Length - 1]).Array[1, 3],
            (seed, ops) => ops.Aggregate(Seeds[seed], (text, op) => ReplaceNumber(text, op.Item1, ExtremeNumbers[op.Item2])));

    private static readonly string[] Fragments =
        [":", "- ", "[", "]", "{", "}", "&a ", "*a", "\t", "\"", "'", "#", "%", "!!str ", "|", ">", "? ", "<<: *a", "\u00e9", "\uFEFF", "---\n", "...", "\n", "  ", ",", "\0"];

    /// <summary>Text, structure and byte mutations: most give broken files.</summary>
    public static Gen<byte[]> Mutated { get; } =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Select(Gen.Int[0, 9], Gen.Int[0, int.MaxValue - 1], Gen.Int[0, int.MaxValue - 1]).Array[1, 4],
            (seed, ops) => ops.Aggregate(Encoding.UTF8.GetBytes(Seeds[seed]), (bytes, op) => Apply(bytes, op.Item1, op.Item2, op.Item3)));

    /// <summary>Numbers replaced by plausible ones: many load, and those run.</summary>
    public static Gen<string> Plausible { get; } =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Select(Gen.Int[0, int.MaxValue - 1], Gen.Int[0, PlausibleNumbers.Length - 1]).Array[1, 3],
            (seed, ops) => ops.Aggregate(Seeds[seed], (text, op) => ReplaceNumber(text, op.Item1, PlausibleNumbers[op.Item2])));

    private static byte[] Apply(byte[] bytes, int kind, int a, int b)
    {
        if (kind == 9)
        {
            // Corrupt the bytes themselves: invalid UTF-8, control characters, truncated sequences.
            var copy = (byte[])bytes.Clone();
            if (copy.Length > 0)
            {
                copy[a % copy.Length] = (byte)b;
            }

            return copy;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split('\n').ToList();
        var line = lines.Count == 0 ? 0 : a % lines.Count;
        switch (kind)
        {
            case 0:
                text = ReplaceNumber(text, a, HostileNumbers[b % HostileNumbers.Length]);
                return Encoding.UTF8.GetBytes(text);
            case 1:
                lines.RemoveAt(line);
                break;
            case 2:
                lines.Insert(line, lines[line]);
                break;
            case 3:
                (lines[line], lines[b % lines.Count]) = (lines[b % lines.Count], lines[line]);
                break;
            case 4:
                lines[line] = b % 2 == 0 ? "  " + lines[line] : lines[line].TrimStart();
                break;
            case 5:
                var at = a % (text.Length + 1);
                return Encoding.UTF8.GetBytes(text[..at] + Fragments[b % Fragments.Length] + text[at..]);
            case 6:
                return Encoding.UTF8.GetBytes(text[..(a % (text.Length + 1))]);
            case 7:
                var words = Word().Matches(text);
                if (words.Count > 1)
                {
                    var target = words[a % words.Count];
                    text = text[..target.Index] + words[b % words.Count].Value + text[(target.Index + target.Length)..];
                }

                return Encoding.UTF8.GetBytes(text);
            default:
                // Wrap a line's value in an anchor and reuse it elsewhere, as a copy-paste with aliases would.
                var colon = lines[line].IndexOf(": ", StringComparison.Ordinal);
                if (colon > 0)
                {
                    lines[line] = lines[line][..(colon + 2)] + "&x " + lines[line][(colon + 2)..];
                    var other = b % lines.Count;
                    var otherColon = lines[other].IndexOf(": ", StringComparison.Ordinal);
                    if (otherColon > 0 && other > line)
                    {
                        lines[other] = lines[other][..(otherColon + 2)] + "*x";
                    }
                }

                break;
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    /// <summary>Replaces the n-th number in the text (modulo how many there are), keeping any unit after it.</summary>
    private static string ReplaceNumber(string text, int n, string replacement)
    {
        var numbers = Number().Matches(text);
        if (numbers.Count == 0)
        {
            return text;
        }

        var m = numbers[n % numbers.Count];
        return text[..m.Index] + replacement + text[(m.Index + m.Length)..];
    }

    [GeneratedRegex(@"(?<=[:\s\[,{-])\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"\b[a-z][a-z_-]{2,}\b")]
    private static partial Regex Word();
}
