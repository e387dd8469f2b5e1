using Tessera.Internal;

namespace Tessera;

public sealed partial class TiktokenTokenizer
{
    /// <summary>Encodes text and reports, for every token, the characters and UTF-8 bytes of the input it covers.</summary>
    /// <exception cref="SpecialTokenException">The text contains a special token the policy does not allow.</exception>
    public IReadOnlyList<TokenOffset> EncodeWithOffsets(string text, SpecialTokenPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var utf8 = new Utf8Text(text, stackalloc byte[StackBytes]);
        var tokens = new List<(int Id, int ByteStart, int ByteEnd)>();
        var sink = new SpanSink(tokens);
        Check(_encoder.Encode(utf8.Bytes, policy ?? SpecialTokenPolicy.Error, ref sink, out string? rejected), rejected, utf8.Bytes, isUtf16: true);

        int[] charStart = CharStarts(utf8.Bytes);
        var result = new TokenOffset[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            var (id, byteStart, byteEnd) = tokens[i];
            result[i] = new TokenOffset(id, charStart[byteStart], CharEnd(utf8.Bytes, charStart, byteEnd), byteStart, byteEnd);
        }
        return result;
    }

    /// <summary>
    /// The length of the longest prefix of <paramref name="text"/> covered by at most <paramref name="maxTokenCount"/>
    /// tokens of the text's encoding, cut on a character boundary: use it to fit a text into a token budget.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="maxTokenCount">The budget.</param>
    /// <param name="tokenCount">How many tokens cover the prefix.</param>
    /// <param name="policy">What to do with special-token text; <see cref="SpecialTokenPolicy.Error"/> when null.</param>
    /// <returns>A character index: <c>text[..index]</c> is the prefix.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTokenCount"/> is negative.</exception>
    /// <exception cref="SpecialTokenException">The text contains a special token the policy does not allow.</exception>
    public int GetIndexByTokenCount(string text, int maxTokenCount, out int tokenCount, SpecialTokenPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTokenCount);
        tokenCount = 0;
        if (maxTokenCount == 0)
            return 0;
        using var utf8 = new Utf8Text(text, stackalloc byte[StackBytes]);
        var sink = new BudgetSink(utf8.Bytes, maxTokenCount);
        Check(_encoder.Encode(utf8.Bytes, policy ?? SpecialTokenPolicy.Error, ref sink, out string? rejected), rejected, utf8.Bytes, isUtf16: true);
        tokenCount = sink.WholeCount;
        return Utf8Text.CharIndexOf(utf8.Bytes, sink.WholeByteEnd);
    }

    /// <summary>
    /// The start of the longest suffix of <paramref name="text"/> covered by at most <paramref name="maxTokenCount"/>
    /// tokens of the text's encoding, cut on a character boundary: keep the end of a text within a token budget.
    /// </summary>
    /// <returns>A character index: <c>text[index..]</c> is the suffix.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTokenCount"/> is negative.</exception>
    /// <exception cref="SpecialTokenException">The text contains a special token the policy does not allow.</exception>
    public int GetIndexByTokenCountFromEnd(string text, int maxTokenCount, out int tokenCount, SpecialTokenPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTokenCount);
        using var utf8 = new Utf8Text(text, stackalloc byte[StackBytes]);
        var tokens = new List<(int Id, int ByteStart, int ByteEnd)>();
        var sink = new SpanSink(tokens);
        Check(_encoder.Encode(utf8.Bytes, policy ?? SpecialTokenPolicy.Error, ref sink, out string? rejected), rejected, utf8.Bytes, isUtf16: true);

        ReadOnlySpan<byte> bytes = utf8.Bytes;
        int first = tokens.Count, start = bytes.Length;
        for (int i = tokens.Count - 1; i >= 0 && tokens.Count - i <= maxTokenCount; i--)
        {
            int byteStart = tokens[i].ByteStart;
            if (byteStart >= bytes.Length || (bytes[byteStart] & 0xC0) != 0x80)
            {
                first = i;
                start = byteStart;
            }
        }
        tokenCount = tokens.Count - first;
        return Utf8Text.CharIndexOf(bytes, start);
    }

    /// <summary>For each byte index (and the end), the index of the UTF-16 unit of the character it belongs to.</summary>
    private static int[] CharStarts(ReadOnlySpan<byte> utf8)
    {
        var charStart = new int[utf8.Length + 1];
        int chars = 0, i = 0;
        while (i < utf8.Length)
        {
            System.Text.Rune.DecodeFromUtf8(utf8[i..], out System.Text.Rune rune, out int consumed);
            for (int k = 0; k < consumed; k++) charStart[i + k] = chars;
            chars += rune.Utf16SequenceLength;
            i += consumed;
        }
        charStart[utf8.Length] = chars;
        return charStart;
    }

    private static int CharEnd(ReadOnlySpan<byte> utf8, int[] charStart, int byteEnd)
    {
        if (byteEnd >= utf8.Length || (utf8[byteEnd] & 0xC0) != 0x80)
            return charStart[byteEnd];
        // Ends inside a character: extend to the character's end.
        int next = byteEnd;
        while (next < utf8.Length && (utf8[next] & 0xC0) == 0x80) next++;
        return charStart[next];
    }
}
