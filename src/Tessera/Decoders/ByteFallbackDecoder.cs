using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Tessera.Decoders;

/// <summary>
/// Turns byte tokens (<c>&lt;0x41&gt;</c>) back into text: each run of consecutive byte tokens becomes one string if
/// its bytes are valid UTF-8, and otherwise one U+FFFD per byte of the run (Hugging Face's rule; SentencePiece would
/// emit U+FFFD only for the invalid bytes).
/// </summary>
internal sealed class ByteFallbackDecoder : IDecoder
{
    private const string Replacement = "\uFFFD";

    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        var run = new List<byte>();
        foreach (string token in tokens)
        {
            if (TryParseByte(token, out byte b))
            {
                run.Add(b);
                continue;
            }
            Flush(run, result);
            result.Add(token);
        }
        Flush(run, result);
        return result;
    }

    private static void Flush(List<byte> run, List<string> result)
    {
        if (run.Count == 0)
            return;
        ReadOnlySpan<byte> bytes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(run);
        if (Utf8.IsValid(bytes))
            result.Add(Encoding.UTF8.GetString(bytes));
        else
            for (int i = 0; i < run.Count; i++)
                result.Add(Replacement);
        run.Clear();
    }

    /// <summary>
    /// A token of six UTF-8 bytes <c>&lt;0xHH&gt;</c>, its two middle bytes parsed as Rust's
    /// <c>u8::from_str_radix(_, 16)</c> does (either case, and a leading <c>+</c> allowed: <c>&lt;0x+A&gt;</c> is 0x0A).
    /// </summary>
    public static bool TryParseByte(string token, out byte value)
    {
        value = 0;
        if (token.Length != 6 || !token.StartsWith("<0x", StringComparison.Ordinal) || token[5] != '>')
            return false;
        char high = token[3], low = token[4];
        if (high == '+')
        {
            if (!IsHex(low))
                return false;
            value = (byte)HexValue(low);
            return true;
        }
        if (!IsHex(high) || !IsHex(low))
            return false;
        value = (byte)(HexValue(high) * 16 + HexValue(low));
        return true;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "ByteFallback");
        writer.WriteEndObject();
    }
}
