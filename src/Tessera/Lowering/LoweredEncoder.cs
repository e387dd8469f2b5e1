using Tessera.Internal;
using Tessera.Text;

namespace Tessera.Lowering;

/// <summary>
/// A tokenizer.json pipeline lowered to the flat encoder: added tokens are cut out of the raw text, and each text
/// between them is encoded on its own (the pattern's <c>$</c> and lookahead see its end, as in Hugging Face).
/// </summary>
/// <remarks>
/// With a Unicode normalizer (<paramref name="compatibility"/> not null: NFKC when true, NFC when false), each text
/// between added tokens that is not ASCII is normalized as the pipeline's normalizer does (same Unicode data) before
/// it is encoded; text the form leaves as it is (ASCII, and most other text: <see cref="UnicodeNormalization.IsUnchanged"/>) is encoded as it is.
/// </remarks>
internal sealed class LoweredEncoder(BpeEncoder encoder, AddedVocabulary added, bool? compatibility = null) : ILoweredPipeline
{
    private const int StackIds = 256;

    public BpeEncoder Encoder => encoder;

    /// <summary>Encodes <paramref name="text"/> into <paramref name="sink"/>; special added tokens match only when <paramref name="matchSpecial"/>.</summary>
    public void Encode<TSink>(ReadOnlySpan<byte> text, bool matchSpecial, ref TSink sink)
        where TSink : ITokenSink, allows ref struct
    {
        // Text where no added token can match (none starts in it, or only special ones do and those are not matched)
        // is encoded whole, without the search's list of pieces, as the other lowered pipelines do.
        if (!added.MayMatchRaw(text, matchSpecial))
        {
            EncodeSegment(text, 0, matchSpecial, ref sink);
            return;
        }
        foreach ((int id, int start, int end) in added.FindRawMatches(text, matchSpecial))
        {
            if (id >= 0)
                sink.Add(id, start, end);
            else
                EncodeSegment(text[start..end], start, matchSpecial, ref sink);
        }
    }

    private void EncodeSegment<TSink>(scoped ReadOnlySpan<byte> segment, int offset, bool matchSpecial, ref TSink sink)
        where TSink : ITokenSink, allows ref struct
    {
        if (compatibility is { } nfkc && !UnicodeNormalization.IsUnchanged(segment, composing: true, nfkc))
        {
            // Offsets are not asked of this path (ids only), so the normalized text's own offsets do.
            byte[] normalized = Normalized(segment, nfkc);
            EncodeNormalized(normalized, offset, matchSpecial, ref sink);
            return;
        }
        EncodeNormalized(segment, offset, matchSpecial, ref sink);
    }

    /// <summary>Normalized text: cut at the added tokens matched after normalization (DeepSeek's), the rest encoded.</summary>
    private void EncodeNormalized<TSink>(scoped ReadOnlySpan<byte> text, int offset, bool matchSpecial, ref TSink sink)
        where TSink : ITokenSink, allows ref struct
    {
        if (!added.HasNormalizedTokens)
        {
            encoder.EncodeOrdinary(text, 0, text.Length, offset, ref sink);
            return;
        }
        foreach ((int id, int start, int end) in added.FindNormalizedMatches(text, matchSpecial))
        {
            if (id >= 0)
                sink.Add(id, offset + start, offset + end);
            else
                encoder.EncodeOrdinary(text[start..end], 0, end - start, offset + start, ref sink);
        }
    }

    private static byte[] Normalized(ReadOnlySpan<byte> utf8, bool compatibility)
    {
        var codePoints = new List<int>(utf8.Length);
        for (int i = 0; i < utf8.Length;)
        {
            codePoints.Add(Utf8Chars.Decode(utf8, i, out int length));
            i += length;
        }
        var bytes = new List<byte>(utf8.Length + 8);
        Span<byte> encoded = stackalloc byte[4];
        foreach ((int codePoint, _) in UnicodeNormalization.Compose(codePoints, compatibility))
        {
            int written = Utf8Chars.Encode(codePoint, encoded);
            for (int b = 0; b < written; b++)
                bytes.Add(encoded[b]);
        }
        return [.. bytes];
    }

    /// <summary>The ids of <paramref name="text"/>.</summary>
    public int[] EncodeToIds(string text, bool matchSpecial)
    {
        using var utf8 = new Utf8Text(text, stackalloc byte[1024]);
        var sink = new IdSink(stackalloc int[StackIds], utf8.Bytes.Length / 3);
        try
        {
            Encode(utf8.Bytes, matchSpecial, ref sink);
            return sink.ToArray();
        }
        finally
        {
            sink.Dispose();
        }
    }
}
