using System.Text;
using Tessera.PreTokenizers;
using Tessera.PreTokenizers.Regex;

namespace Tessera.Tests.PreTokenizers.Regex;

/// <summary>Shared helpers: run a splitter or a pattern over text and read the pieces back.</summary>
internal static class RegexTestHelpers
{
    /// <summary>The (start, end) byte ranges a splitter yields over <paramref name="text"/>.</summary>
    public static List<(int Start, int End)> Pieces<TSplitter>(TSplitter splitter, ReadOnlySpan<byte> text)
        where TSplitter : IPieceSplitter
    {
        var pieces = new List<(int, int)>();
        int from = 0;
        while (true)
        {
            int end = splitter.NextPiece(text, from, out int start);
            if (end < 0)
                break;
            Assert.True(end > start && start >= from, $"bad piece [{start},{end}) from {from}");
            pieces.Add((start, end));
            from = end;
        }
        return pieces;
    }

    /// <summary>
    /// Fails, showing the pieces around the first difference, unless two splitters cut <paramref name="text"/> into the
    /// same pieces (<paramref name="expectedName"/>'s and <paramref name="actualName"/>'s).
    /// </summary>
    public static void AssertSamePieces(byte[] text, string label, string expectedName, List<(int Start, int End)> expected,
        string actualName, List<(int Start, int End)> actual)
    {
        if (expected.SequenceEqual(actual))
            return;
        int diff = 0;
        while (diff < Math.Min(expected.Count, actual.Count) && expected[diff] == actual[diff])
            diff++;
        string Show(List<(int Start, int End)> pieces) => string.Join(" | ",
            pieces.Skip(Math.Max(0, diff - 2)).Take(5).Select(p => $"[{p.Start},{p.End}) " +
                (p.End - p.Start <= 40 ? EscapeBytes(text.AsSpan(p.Start, p.End - p.Start)) : "(long)")));
        int width = Math.Max(expectedName.Length, actualName.Length) + 1;
        Assert.Fail($"{label}input \"{(text.Length < 400 ? EscapeBytes(text) : $"({text.Length} bytes)")}\"\n" +
            $"  {(expectedName + ":").PadRight(width)} {Show(expected)}\n  {(actualName + ":").PadRight(width)} {Show(actual)}");
    }

    /// <summary>The pieces of <paramref name="text"/> under <paramref name="pattern"/>, as strings.</summary>
    public static string[] Split(string pattern, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        return [.. Pieces(new RegexSplitter(CodePointRegex.Parse(pattern)), bytes)
            .Select(p => Encoding.UTF8.GetString(bytes, p.Start, p.End - p.Start))];
    }

    /// <summary>The first match (possibly empty) of <paramref name="pattern"/> in <paramref name="text"/>, or null.</summary>
    public static string? FirstMatch(string pattern, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        return CodePointRegex.Parse(pattern).TryMatch(bytes, 0, out int start, out int end)
            ? Encoding.UTF8.GetString(bytes, start, end - start)
            : null;
    }

    /// <summary>Whether the whole of <paramref name="text"/> is matched by <c>\A(?:pattern)\z</c>.</summary>
    public static bool FullMatch(string pattern, string text) =>
        FirstMatch(@"\A(?:" + pattern + @")\z", text) is not null;

    /// <summary>Escapes a string for a failure message (\uXXXX for everything outside printable ASCII).</summary>
    public static string Escape(string s)
    {
        var sb = new StringBuilder();
        foreach (Rune r in s.EnumerateRunes())
        {
            if (r.Value is >= 0x20 and < 0x7F && r.Value != '\\' && r.Value != '"')
                sb.Append((char)r.Value);
            else if (r.Value <= 0xFFFF)
                sb.Append($"\\u{r.Value:X4}");
            else
                sb.Append($"\\U{r.Value:X8}");
        }
        return sb.ToString();
    }

    public static string EscapeBytes(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder();
        foreach (byte b in bytes)
        {
            if (b is >= 0x20 and < 0x7F && b != '\\' && b != '"')
                sb.Append((char)b);
            else
                sb.Append($"\\x{b:X2}");
        }
        return sb.ToString();
    }
}
