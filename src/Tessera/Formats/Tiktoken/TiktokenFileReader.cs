using System.Buffers.Text;
using System.Text;

namespace Tessera.Formats.Tiktoken;

/// <summary>
/// Reads the <c>.tiktoken</c> rank file format: one <c>base64(token bytes) SP rank</c> per line, as tiktoken's
/// <c>load_tiktoken_bpe</c> does (empty lines are skipped). Every other deviation is a <see cref="TokenizerFormatException"/>.
/// </summary>
internal static class TiktokenFileReader
{
    /// <summary>Ranks above this are rejected, so a corrupt rank cannot demand gigabytes.</summary>
    public const int MaxRank = (1 << 24) - 1;

    /// <summary>Reads the file at <paramref name="path"/> into token bytes indexed by rank (null for gaps).</summary>
    public static byte[]?[] ReadFile(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Parses the bytes of a <c>.tiktoken</c> file; <paramref name="source"/> names it in errors.</summary>
    public static byte[]?[] Parse(ReadOnlySpan<byte> content, string source)
    {
        var tokens = new List<(byte[] Token, int Rank, int Line)>();
        int line = 0, maxRank = -1;
        while (!content.IsEmpty)
        {
            line++;
            int eol = content.IndexOf((byte)'\n');
            ReadOnlySpan<byte> text = eol < 0 ? content : content[..eol];
            content = eol < 0 ? default : content[(eol + 1)..];
            if (!text.IsEmpty && text[^1] == (byte)'\r') text = text[..^1];
            if (text.IsEmpty) continue;

            int space = text.IndexOf((byte)' ');
            if (space < 0)
                throw Error(source, line, text, "expected 'base64 rank', found no space");
            byte[] token = DecodeBase64(text[..space], source, line);
            int rank = ParseRank(text[(space + 1)..], source, line, text);
            tokens.Add((token, rank, line));
            maxRank = Math.Max(maxRank, rank);
        }
        if (tokens.Count == 0)
            throw new TokenizerFormatException(source, 0, "", "the file holds no tokens");
        return ByRank(tokens, maxRank, source);
    }

    private static byte[]?[] ByRank(List<(byte[] Token, int Rank, int Line)> tokens, int maxRank, string source)
    {
        var byRank = new byte[]?[maxRank + 1];
        var seen = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        foreach (var (token, rank, line) in tokens)
        {
            string key = Convert.ToBase64String(token);
            if (byRank[rank] is not null)
                throw new TokenizerFormatException(source, line, $"{key} {rank}", $"rank {rank} is given twice");
            if (!seen.TryAdd(key, line))
                throw new TokenizerFormatException(source, line, $"{key} {rank}", $"token is given twice (first on line {seen[key]})");
            byRank[rank] = token;
        }
        return byRank;
    }

    private static byte[] DecodeBase64(ReadOnlySpan<byte> base64, string source, int line)
    {
        var token = new byte[Base64.GetMaxDecodedFromUtf8Length(base64.Length)];
        if (base64.IsEmpty || Base64.DecodeFromUtf8(base64, token, out int consumed, out int written) != System.Buffers.OperationStatus.Done
            || consumed != base64.Length || written == 0)
            throw Error(source, line, base64, "expected the token's bytes in base64");
        return written == token.Length ? token : token[..written];
    }

    private static int ParseRank(ReadOnlySpan<byte> digits, string source, int line, ReadOnlySpan<byte> text)
    {
        if (digits.IsEmpty || digits.Length > 9)
            throw Error(source, line, text, $"expected a rank from 0 to {MaxRank}");
        int rank = 0;
        foreach (byte d in digits)
        {
            if (d is < (byte)'0' or > (byte)'9')
                throw Error(source, line, text, $"expected a rank from 0 to {MaxRank}");
            rank = rank * 10 + (d - '0');
        }
        if (rank > MaxRank)
            throw Error(source, line, text, $"expected a rank from 0 to {MaxRank}");
        return rank;
    }

    private static TokenizerFormatException Error(string source, int line, ReadOnlySpan<byte> text, string problem) =>
        new(source, line, TokenizerFormatException.Quote(Encoding.UTF8.GetString(text)), problem);
}
